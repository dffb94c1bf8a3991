package dev.shardline.keys;

import dev.shardline.keys.KeyDescription.KeyState;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyUnavailableException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * The key service backed by AWS KMS: data keys from {@code GenerateDataKey}, unwrapped by {@code Decrypt}. KMS's own
 * errors become the KMS error types that Kinesis answers with. The client's credentials and region decide the
 * account and region; the request's scope does not. AWS managed keys such as {@code alias/aws/kinesis} only work for
 * the AWS service they belong to, so with this provider streams need a customer managed key.
 */
class AwsKeyService implements KeyService {

    private final KmsClient kms;

    AwsKeyService(KmsClient kms) {
        this.kms = kms;
    }

    @Override
    public DataKey generateDataKey(KeyScope scope, String keyId) {
        GenerateDataKeyResponse response =
                call(() -> kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256)));
        return new DataKey(
                response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray(), response.keyId());
    }

    @Override
    public byte[] decrypt(byte[] wrappedKey) {
        return call(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(wrappedKey))))
                .plaintext()
                .asByteArray();
    }

    @Override
    public KeyDescription describe(KeyScope scope, String keyId) {
        KeyMetadata key = call(() -> kms.describeKey(r -> r.keyId(keyId))).keyMetadata();
        return new KeyDescription(
                key.keyId(),
                key.arn(),
                state(key),
                key.keyManager() == KeyManagerType.AWS,
                key.description(),
                key.creationDate(),
                List.of());
    }

    private static KeyState state(KeyMetadata key) {
        if (key.keyState() == null) {
            return KeyState.UNAVAILABLE;
        }
        return switch (key.keyState()) {
            case ENABLED -> KeyState.ENABLED;
            case DISABLED -> KeyState.DISABLED;
            case PENDING_DELETION, PENDING_REPLICA_DELETION -> KeyState.PENDING_DELETION;
            default -> KeyState.UNAVAILABLE;
        };
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (KmsException e) {
            AwsException translated = translate(e);
            if (translated == null) {
                throw e;
            }
            throw translated;
        }
    }

    /** The Kinesis error for a KMS error, with KMS's message; null for errors that are Shardline's fault. */
    static AwsException translate(KmsException e) {
        String message = e.awsErrorDetails() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        String code = e.awsErrorDetails() == null
                ? ""
                : String.valueOf(e.awsErrorDetails().errorCode());
        AwsErrorType type;
        if (e instanceof NotFoundException) {
            type = AwsErrorType.KMS_NOT_FOUND;
        } else if (e instanceof DisabledException) {
            type = AwsErrorType.KMS_DISABLED;
        } else if (e instanceof KmsInvalidStateException || e instanceof KeyUnavailableException) {
            type = AwsErrorType.KMS_INVALID_STATE;
        } else if (e.isThrottlingException() || code.equals("ThrottlingException")) {
            type = AwsErrorType.KMS_THROTTLING;
        } else if (code.equals("AccessDeniedException")) {
            type = AwsErrorType.KMS_ACCESS_DENIED;
        } else if (code.equals("OptInRequired") || code.equals("SubscriptionRequiredException")) {
            type = AwsErrorType.KMS_OPT_IN_REQUIRED;
        } else {
            return null;
        }
        return type.exception(message);
    }
}
