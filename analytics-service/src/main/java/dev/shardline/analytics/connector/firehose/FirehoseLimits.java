package dev.shardline.analytics.connector.firehose;

/** Firehose's PutRecordBatch quotas, which AWS's own Flink Firehose sink also batches by. */
final class FirehoseLimits {

    /** Records per PutRecordBatch call. */
    static final int MAX_BATCH_RECORDS = 500;
    /** Bytes of data per PutRecordBatch call: 4 MiB. */
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
    /** Bytes of one record's data, before base64: 1,000 KiB. */
    static final long MAX_RECORD_BYTES = 1000L * 1024;

    private FirehoseLimits() {}
}
