package dev.shardline.platform.error;

/** A client-visible AWS error: one type from the catalogue and AWS's message text. */
public class AwsException extends RuntimeException {

    private final AwsErrorType errorType;

    public AwsException(AwsErrorType errorType, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
    }

    public AwsErrorType errorType() {
        return errorType;
    }
}
