package dev.shardline.video.media;

/**
 * The ErrorIds of PutMedia's ERROR acknowledgements, as AWS documents them for the PutMedia API (the numbers the
 * producer SDKs act on; the names are those of AWS's documentation; the KMS ones, 4500-4506, are the stream's KMS key
 * failing, numbered as AWS numbers them for GetMedia).
 */
public enum AckError {
    STREAM_READ_ERROR(4000),
    MAX_FRAGMENT_SIZE_REACHED(4001),
    MAX_FRAGMENT_DURATION_REACHED(4002),
    MAX_CONNECTION_DURATION_REACHED(4003),
    FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS(4004),
    MORE_THAN_ALLOWED_TRACKS_FOUND(4005),
    INVALID_MKV_DATA(4006),
    INVALID_PRODUCER_TIMESTAMP(4007),
    STREAM_NOT_ACTIVE(4008),
    KMS_KEY_ACCESS_DENIED(4500),
    KMS_KEY_DISABLED(4501),
    KMS_KEY_VALIDATION_ERROR(4502),
    KMS_KEY_UNAVAILABLE(4503),
    KMS_KEY_INVALID_USAGE(4504),
    KMS_KEY_INVALID_STATE(4505),
    KMS_KEY_NOT_FOUND(4506),
    INTERNAL_ERROR(5000),
    ARCHIVAL_ERROR(5001);

    private final int id;

    AckError(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }
}
