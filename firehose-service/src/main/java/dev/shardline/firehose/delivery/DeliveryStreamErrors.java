package dev.shardline.firehose.delivery;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;

/** AWS's wording for the delivery stream errors that several actions share. */
public final class DeliveryStreamErrors {

    private DeliveryStreamErrors() {}

    public static AwsException notFound(DeliveryStreamRef ref) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception(
                "Firehose " + ref.name() + " under account " + ref.accountId() + " not found.");
    }

    public static AwsException alreadyExists(DeliveryStreamRef ref) {
        return AwsErrorType.RESOURCE_IN_USE.exception(
                "Firehose " + ref.name() + " under account " + ref.accountId() + " already exists.");
    }

    public static AwsException notInState(DeliveryStreamRef ref, DeliveryStreamStatus status, String allowed) {
        return AwsErrorType.RESOURCE_IN_USE.exception("Firehose " + ref.name() + " under account " + ref.accountId()
                + " is in " + status + " state; it must be " + allowed + ".");
    }

    /** PutRecord's documented errors have no ResourceInUseException: a stream that cannot take records is not found. */
    public static AwsException notActive(DeliveryStreamRef ref, DeliveryStreamStatus status) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception("Firehose " + ref.name() + " under account " + ref.accountId()
                + " is not ACTIVE (it is " + status + ").");
    }

    /** PutRecord and PutRecordBatch on a delivery stream that reads a Kinesis stream or an MSK topic. */
    public static AwsException notDirectPut(String deliveryStreamType) {
        return AwsErrorType.INVALID_ARGUMENT.exception(
                "This operation is not permitted on " + deliveryStreamType + " delivery stream type.");
    }

    public static AwsException notSupported(String what) {
        return AwsErrorType.INVALID_ARGUMENT.exception(what + " is not supported yet.");
    }
}
