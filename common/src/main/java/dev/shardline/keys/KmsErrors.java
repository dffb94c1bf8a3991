package dev.shardline.keys;

import dev.shardline.keys.KeyDescription.KeyState;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;

/** The KMS errors that the key service raises, worded as AWS KMS words them. */
final class KmsErrors {

    private KmsErrors() {}

    /** Refuses a key that cannot encrypt or decrypt in its state. */
    static void requireUsable(KeyState state, String keyArn) {
        switch (state) {
            case ENABLED -> {}
            case DISABLED -> throw disabled(keyArn);
            case PENDING_DELETION -> throw pendingDeletion(keyArn);
            default -> throw unavailable(keyArn);
        }
    }

    static AwsException keyNotFound(String keyArn) {
        return AwsErrorType.KMS_NOT_FOUND.exception("Key '" + keyArn + "' does not exist");
    }

    static AwsException aliasNotFound(String aliasArn) {
        return AwsErrorType.KMS_NOT_FOUND.exception("Alias " + aliasArn + " is not found.");
    }

    static AwsException invalidKeyId(String keyId) {
        return AwsErrorType.KMS_NOT_FOUND.exception("Invalid keyId '" + keyId + "'");
    }

    static AwsException disabled(String keyArn) {
        return AwsErrorType.KMS_DISABLED.exception(keyArn + " is disabled.");
    }

    static AwsException pendingDeletion(String keyArn) {
        return AwsErrorType.KMS_INVALID_STATE.exception(keyArn + " is pending deletion.");
    }

    static AwsException unavailable(String keyArn) {
        return AwsErrorType.KMS_INVALID_STATE.exception(keyArn + " is not in a state that allows its use.");
    }
}
