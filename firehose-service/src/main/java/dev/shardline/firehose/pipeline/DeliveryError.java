package dev.shardline.firehose.pipeline;

import java.time.Instant;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The latest failed delivery attempt of a delivery stream that has not succeeded since.
 *
 * @param errorCode AWS's data delivery error code, e.g. {@code S3.NoSuchBucket}
 * @param message what the destination said
 * @param firstFailedAt when the first attempt of this run of failures failed
 * @param lastFailedAt when the latest attempt failed
 * @param attempts failed attempts since the last success
 */
public record DeliveryError(
        String errorCode, String message, Instant firstFailedAt, Instant lastFailedAt, long attempts) {

    /** AWS's FailureDescription type for failures that are not about KMS keys or VPC resources. */
    public static final String FAILURE_TYPE = "UNKNOWN_ERROR";

    /** FailureDescription.Details: the error code first, as in Firehose's CloudWatch error logs. */
    public String details() {
        return errorCode + ": " + message + " (failing since " + firstFailedAt + ", " + attempts
                + (attempts == 1 ? " attempt)" : " attempts)");
    }

    /** The code and message of a failed delivery to {@code destination} (a metric name such as S3). */
    static DeliveryError of(String destination, RuntimeException failure, Instant at) {
        String code;
        String message = failure.getMessage();
        if (failure instanceof DestinationException known) {
            code = known.errorCode();
        } else if (failure instanceof AwsServiceException aws
                && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            code = destination + "." + aws.awsErrorDetails().errorCode();
            message = aws.awsErrorDetails().errorMessage();
        } else {
            code = destination + ".InternalError";
        }
        if (message == null || message.isBlank()) {
            message = failure.getClass().getSimpleName();
        }
        return new DeliveryError(code, message, at, at, 1);
    }
}
