package dev.shardline.keys;

import java.time.Instant;
import java.util.List;

/**
 * A KMS key as {@code DescribeKey} shows it.
 *
 * @param keyId the key's id (a UUID)
 * @param arn the key's ARN
 * @param state whether it can be used now
 * @param awsManaged whether it is an AWS managed key (such as {@code alias/aws/kinesis}) rather than a customer's
 * @param description free text
 * @param createdAt when it was created
 * @param aliases its alias names ({@code alias/...}), where the key service knows them
 */
public record KeyDescription(
        String keyId,
        String arn,
        KeyState state,
        boolean awsManaged,
        String description,
        Instant createdAt,
        List<String> aliases) {

    /** The key's states that matter to a caller; AWS KMS's others (PendingImport, Unavailable, ...) are UNAVAILABLE. */
    public enum KeyState {
        ENABLED,
        DISABLED,
        PENDING_DELETION,
        UNAVAILABLE
    }

    /** Refuses a key that cannot encrypt or decrypt now, with the KMS error type that Kinesis answers. */
    public KeyDescription requireUsable() {
        KmsErrors.requireUsable(state, arn);
        return this;
    }
}
