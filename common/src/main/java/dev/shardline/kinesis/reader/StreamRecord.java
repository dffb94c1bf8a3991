package dev.shardline.kinesis.reader;

import dev.shardline.kinesis.SequenceNumber;
import java.time.Instant;

/**
 * One record of a Kinesis stream as a reader of its topic gets it: decrypted, with the shard id and sequence number
 * that GetRecords reports for it.
 *
 * @param shardId the shard that holds it, e.g. {@code shardId-000000000002}
 * @param partition the shard's Kafka partition
 * @param offset the record's offset there: with {@code partition}, its position (what a consumer group commits)
 * @param partitionKey the partition key it was put with
 * @param sequenceNumber its sequence number
 * @param arrival when the stream accepted it (ApproximateArrivalTimestamp)
 * @param data its bytes, decrypted
 */
public record StreamRecord(
        String shardId,
        int partition,
        long offset,
        String partitionKey,
        SequenceNumber sequenceNumber,
        Instant arrival,
        byte[] data) {}
