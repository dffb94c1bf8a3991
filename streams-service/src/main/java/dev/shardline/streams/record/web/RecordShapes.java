package dev.shardline.streams.record.web;

import dev.shardline.kinesis.ShardIds;
import dev.shardline.streams.record.StoredRecord;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.web.ShardShapes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Request and response shapes of the Kinesis data-plane actions, with AWS's member names. */
public final class RecordShapes {

    private RecordShapes() {}

    record PutRecordRequest(
            String streamName,
            String streamARN,
            byte[] data,
            String partitionKey,
            String explicitHashKey,
            String sequenceNumberForOrdering) {}

    record PutRecordResponse(String shardId, String sequenceNumber, String encryptionType) {}

    record PutRecordsRequest(String streamName, String streamARN, List<PutRecordsRequestEntry> records) {}

    record PutRecordsRequestEntry(byte[] data, String explicitHashKey, String partitionKey) {}

    record PutRecordsResponse(Integer failedRecordCount, List<PutRecordsResultEntry> records, String encryptionType) {}

    record PutRecordsResultEntry(String sequenceNumber, String shardId, String errorCode, String errorMessage) {}

    record GetShardIteratorRequest(
            String streamName,
            String streamARN,
            String shardId,
            String shardIteratorType,
            String startingSequenceNumber,
            Instant timestamp) {}

    record GetShardIteratorResponse(String shardIterator) {}

    record GetRecordsRequest(String shardIterator, Integer limit, String streamARN) {}

    record GetRecordsResponse(
            List<KinesisRecord> records,
            String nextShardIterator,
            Long millisBehindLatest,
            List<ChildShard> childShards) {}

    public record ChildShard(String shardId, List<String> parentShards, ShardShapes.HashKeyRange hashKeyRange) {}

    public record KinesisRecord(
            String sequenceNumber,
            Instant approximateArrivalTimestamp,
            byte[] data,
            String partitionKey,
            String encryptionType) {}

    /** A record as GetRecords and SubscribeToShard return it. */
    public static KinesisRecord record(StoredRecord r) {
        return new KinesisRecord(
                r.sequenceNumber(),
                r.approximateArrivalTimestamp(),
                r.data(),
                r.partitionKey(),
                r.encrypted() ? "KMS" : null);
    }

    /** A ChildShard of GetRecords and SubscribeToShard, at the end of a closed shard. */
    public static ChildShard childShard(ShardView child) {
        List<String> parents = new ArrayList<>();
        if (child.parentIndex() != null) {
            parents.add(ShardIds.format(child.parentIndex()));
        }
        if (child.adjacentParentIndex() != null) {
            parents.add(ShardIds.format(child.adjacentParentIndex()));
        }
        return new ChildShard(child.shardId(), parents, ShardShapes.hashKeyRange(child));
    }
}
