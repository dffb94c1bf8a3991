package dev.shardline.firehose.pipeline;

/**
 * A delivery that failed with one of AWS's data delivery error codes ({@code HttpEndpoint.DestinationException},
 * {@code Redshift.ConnectionFailed}, ...): writers and processors throw it so that DescribeDeliveryStream shows that
 * code. Errors of the AWS SDK (S3) need no wrapping: their own error code is used, e.g. {@code S3.NoSuchBucket}.
 */
public class DestinationException extends RuntimeException {

    private final String errorCode;

    public DestinationException(String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public DestinationException(String errorCode, String message) {
        this(errorCode, message, null);
    }

    public String errorCode() {
        return errorCode;
    }
}
