package dev.shardline.streams.record;

/** Where one put record landed, or why it did not. */
public record PutOutcome(String shardId, String sequenceNumber, String errorCode, String errorMessage) {

    static PutOutcome stored(String shardId, String sequenceNumber) {
        return new PutOutcome(shardId, sequenceNumber, null, null);
    }

    static PutOutcome failed(String errorCode, String errorMessage) {
        return new PutOutcome(null, null, errorCode, errorMessage);
    }

    public boolean isFailure() {
        return errorCode != null;
    }
}
