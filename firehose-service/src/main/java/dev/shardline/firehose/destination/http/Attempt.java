package dev.shardline.firehose.destination.http;

/**
 * The outcome of one POST: delivered, or failed with AWS's error code and message. A permanent failure (413: the
 * request is too large for the endpoint) is not retried.
 */
record Attempt(boolean delivered, boolean permanent, String errorCode, String errorMessage) {

    static final Attempt DELIVERED = new Attempt(true, false, null, null);

    static Attempt failed(String errorCode, String errorMessage) {
        return new Attempt(false, false, errorCode, errorMessage);
    }

    static Attempt permanent(String errorCode, String errorMessage) {
        return new Attempt(false, true, errorCode, errorMessage);
    }
}
