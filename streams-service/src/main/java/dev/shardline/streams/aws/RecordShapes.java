package dev.shardline.streams.aws;

import java.time.Instant;
import java.util.List;

/** Request and response shapes of the Kinesis data-plane actions, with AWS's member names. */
final class RecordShapes {

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

    record ChildShard(String shardId, List<String> parentShards, StreamShapes.HashKeyRange hashKeyRange) {}

    record KinesisRecord(
            String sequenceNumber,
            Instant approximateArrivalTimestamp,
            byte[] data,
            String partitionKey,
            String encryptionType) {}
}
