package dev.shardline.firehose.pipeline;

import java.time.Instant;

/**
 * One record read from a delivery stream's source, as the destinations and processors see it.
 *
 * @param partition the source partition (buffer partition, or the shard's partition of a Kinesis source)
 * @param offset its offset there: with {@code partition}, the record's position
 * @param arrival when the source accepted it (ApproximateArrivalTimestamp)
 * @param data the record's bytes, decrypted; of an unreadable record, its bytes as stored
 * @param kinesis the Kinesis record's metadata when the source is a Kinesis stream, else null
 * @param unreadable why the worker could not read the record (undecryptable, an envelope it cannot decode): it goes
 *     to the error output instead of the destination; null for a record read as it should be
 */
public record BufferedRecord(
        int partition, long offset, Instant arrival, byte[] data, KinesisMetadata kinesis, String unreadable) {

    /** The error code of a record that the source reader could not read, in the error output. */
    public static final String UNREADABLE_ERROR_CODE = "Source.RecordUnreadable";

    /** A record read as it should be. */
    public BufferedRecord(int partition, long offset, Instant arrival, byte[] data, KinesisMetadata kinesis) {
        this(partition, offset, arrival, data, kinesis, null);
    }

    /** A record the source reader could not read: its stored bytes go to the error output with {@code why}. */
    public static BufferedRecord unreadable(int partition, long offset, Instant arrival, byte[] stored, String why) {
        return new BufferedRecord(partition, offset, arrival, stored == null ? new byte[0] : stored, null, why);
    }

    public boolean isUnreadable() {
        return unreadable != null;
    }

    /** The record's id, as PutRecord answered it for a DirectPut record. */
    public String recordId() {
        return RecordIds.of(partition, offset, arrival.toEpochMilli());
    }

    /** The kinesisRecordMetadata that a transformation function receives for records of a Kinesis source. */
    public record KinesisMetadata(
            String shardId,
            String partitionKey,
            String sequenceNumber,
            long subsequenceNumber,
            Instant approximateArrivalTimestamp) {}
}
