package dev.shardline.video.media;

/**
 * The ErrorIds of PutMedia's ERROR acknowledgements, as AWS documents them for the PutMedia API (the numbers the
 * producer SDKs act on; the names are those of AWS's documentation).
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
