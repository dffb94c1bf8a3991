package dev.shardline.streams.record;

/** Where one put record landed, or why it did not; {@code encrypted} when it was stored encrypted. */
public record PutOutcome(
        String shardId, String sequenceNumber, String errorCode, String errorMessage, boolean encrypted) {

    static PutOutcome stored(String shardId, String sequenceNumber, boolean encrypted) {
        return new PutOutcome(shardId, sequenceNumber, null, null, encrypted);
    }

    static PutOutcome failed(String errorCode, String errorMessage) {
        return new PutOutcome(null, null, errorCode, errorMessage, false);
    }

    public boolean isFailure() {
        return errorCode != null;
    }
}
