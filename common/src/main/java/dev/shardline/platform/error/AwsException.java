package dev.shardline.platform.error;

import java.util.Map;

/** A client-visible AWS error: one type from the catalogue and AWS's message text. */
public class AwsException extends RuntimeException {

    private final AwsErrorType errorType;
    private final Map<String, Object> members;

    public AwsException(AwsErrorType errorType, String message) {
        this(errorType, message, Map.of());
    }

    /**
     * An error whose body carries members beside {@code __type} and {@code message}, as some services' errors do
     * (DynamoDB's ConditionalCheckFailedException carries the item that failed the condition, when asked to).
     */
    public AwsException(AwsErrorType errorType, String message, Map<String, Object> members) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.members = Map.copyOf(members);
    }

    public AwsErrorType errorType() {
        return errorType;
    }

    /** The body's further members, by their names on the wire; empty for most errors. */
    public Map<String, Object> members() {
        return members;
    }
}
