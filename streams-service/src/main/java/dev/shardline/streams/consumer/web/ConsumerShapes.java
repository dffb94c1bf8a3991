package dev.shardline.streams.consumer.web;

import dev.shardline.streams.record.web.RecordShapes.KinesisRecord;
import java.time.Instant;
import java.util.List;

/** Request and response shapes of the enhanced fan-out actions, with AWS's member names. */
final class ConsumerShapes {

    private ConsumerShapes() {}

    record RegisterStreamConsumerRequest(String streamARN, String consumerName) {}

    record RegisterStreamConsumerResponse(Consumer consumer) {}

    record Consumer(
            String consumerName, String consumerARN, String consumerStatus, Instant consumerCreationTimestamp) {}

    record DeregisterStreamConsumerRequest(String streamARN, String consumerName, String consumerARN) {}

    record DescribeStreamConsumerRequest(String streamARN, String consumerName, String consumerARN) {}

    record DescribeStreamConsumerResponse(ConsumerDescription consumerDescription) {}

    record ConsumerDescription(
            String consumerName,
            String consumerARN,
            String consumerStatus,
            Instant consumerCreationTimestamp,
            String streamARN) {}

    record ListStreamConsumersRequest(
            String streamARN, String nextToken, Integer maxResults, Instant streamCreationTimestamp) {}

    record ListStreamConsumersResponse(List<Consumer> consumers, String nextToken) {}

    record SubscribeToShardRequest(String consumerARN, String shardId, StartingPosition startingPosition) {}

    record StartingPosition(String type, String sequenceNumber, Instant timestamp) {}

    record SubscribeToShardEvent(
            List<KinesisRecord> records,
            String continuationSequenceNumber,
            Long millisBehindLatest,
            List<Object> childShards) {}
}
