package dev.shardline.firehose.pipeline;

import java.time.Instant;

/**
 * One record read from a delivery stream's source, as the destinations and processors see it.
 *
 * @param partition the source partition (buffer partition, or the shard's partition of a Kinesis source)
 * @param offset its offset there: with {@code partition}, the record's position
 * @param arrival when the source accepted it (ApproximateArrivalTimestamp)
 * @param data the record's bytes, decrypted
 * @param kinesis the Kinesis record's metadata when the source is a Kinesis stream, else null
 */
public record BufferedRecord(int partition, long offset, Instant arrival, byte[] data, KinesisMetadata kinesis) {

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
