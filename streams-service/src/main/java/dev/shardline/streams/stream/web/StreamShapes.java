package dev.shardline.streams.stream.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response shapes of the Kinesis control-plane actions, with AWS's member names. */
final class StreamShapes {

    private StreamShapes() {}

    record StreamModeDetails(String streamMode) {}

    record CreateStreamRequest(
            String streamName, Integer shardCount, StreamModeDetails streamModeDetails, Map<String, String> tags) {}

    record DeleteStreamRequest(String streamName, String streamARN, Boolean enforceConsumerDeletion) {}

    record DescribeStreamRequest(String streamName, String streamARN, Integer limit, String exclusiveStartShardId) {}

    record DescribeStreamResponse(StreamDescription streamDescription) {}

    record StreamDescription(
            String streamName,
            String streamARN,
            String streamStatus,
            StreamModeDetails streamModeDetails,
            List<ShardShapes.Shard> shards,
            Boolean hasMoreShards,
            Integer retentionPeriodHours,
            Instant streamCreationTimestamp,
            List<EnhancedMetrics> enhancedMonitoring,
            String encryptionType,
            String keyId) {}

    record DescribeStreamSummaryRequest(String streamName, String streamARN) {}

    record DescribeStreamSummaryResponse(StreamDescriptionSummary streamDescriptionSummary) {}

    record StreamDescriptionSummary(
            String streamName,
            String streamARN,
            String streamStatus,
            StreamModeDetails streamModeDetails,
            Integer retentionPeriodHours,
            Instant streamCreationTimestamp,
            List<EnhancedMetrics> enhancedMonitoring,
            String encryptionType,
            String keyId,
            Integer openShardCount,
            Integer consumerCount,
            Integer maxRecordSizeInKiB) {}

    record EnhancedMetrics(List<String> shardLevelMetrics) {}

    record ListStreamsRequest(Integer limit, String exclusiveStartStreamName, String nextToken) {}

    record ListStreamsResponse(
            List<String> streamNames, Boolean hasMoreStreams, String nextToken, List<StreamSummary> streamSummaries) {}

    record StreamSummary(
            String streamName,
            String streamARN,
            String streamStatus,
            StreamModeDetails streamModeDetails,
            Instant streamCreationTimestamp) {}

    record DescribeLimitsRequest() {}

    record DescribeLimitsResponse(
            Integer shardLimit,
            Integer openShardCount,
            Integer onDemandStreamCount,
            Integer onDemandStreamCountLimit) {}
}
