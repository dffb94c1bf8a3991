package dev.shardline.firehose.delivery;

import dev.shardline.keys.LocalKeyService;

/**
 * A delivery stream's server-side encryption (DeliveryStreamEncryptionConfiguration): records put while it is ENABLING
 * or ENABLED are sealed in the buffer topic under a data key of {@link #keyId()}.
 *
 * @param status AWS's SSE status
 * @param keyType {@code AWS_OWNED_CMK} or {@code CUSTOMER_MANAGED_CMK}; null when DISABLED
 * @param keyArn the customer managed key's ARN; null otherwise
 */
public record Encryption(Status status, String keyType, String keyArn) {

    public static final String AWS_OWNED_CMK = "AWS_OWNED_CMK";
    public static final String CUSTOMER_MANAGED_CMK = "CUSTOMER_MANAGED_CMK";
    public static final Encryption DISABLED = new Encryption(Status.DISABLED, null, null);

    /** AWS's DeliveryStreamEncryptionStatus values that Shardline goes through. */
    public enum Status {
        ENABLING,
        ENABLED,
        DISABLING,
        DISABLED
    }

    public Encryption {
        status = status == null ? Status.DISABLED : status;
    }

    /** A change to encryption under {@code keyType} (and {@code keyArn} when customer managed) that is starting. */
    public static Encryption enabling(String keyType, String keyArn) {
        return new Encryption(Status.ENABLING, keyType, CUSTOMER_MANAGED_CMK.equals(keyType) ? keyArn : null);
    }

    /** Whether records put now are encrypted. */
    public boolean encryptsRecords() {
        return status == Status.ENABLING || status == Status.ENABLED;
    }

    /** The key that wraps the data keys: the customer's, or the AWS owned key of Firehose. */
    public String keyId() {
        return keyArn != null ? keyArn : LocalKeyService.FIREHOSE_ALIAS;
    }

    /** The state the current change settles in: ENABLING becomes ENABLED, DISABLING becomes DISABLED. */
    public Encryption settled() {
        if (status == Status.ENABLING) {
            return new Encryption(Status.ENABLED, keyType, keyArn);
        }
        if (status == Status.DISABLING) {
            return DISABLED;
        }
        return this;
    }
}
