package dev.shardline.video.stream.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shardline.video.stream.StreamView;
import java.util.List;
import java.util.Map;

/** The request and response members of the stream actions, with AWS's names (the wire mapper writes UpperCamelCase). */
final class StreamShapes {

    private StreamShapes() {}

    record CreateStreamRequest(
            String deviceName,
            String streamName,
            String mediaType,
            String kmsKeyId,
            Integer dataRetentionInHours,
            Map<String, String> tags) {}

    record CreateStreamResponse(@JsonProperty("StreamARN") String streamArn) {}

    record StreamRequest(
            String streamName, @JsonProperty("StreamARN") String streamArn) {}

    record DescribeStreamResponse(StreamInfo streamInfo) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StreamInfo(
            String deviceName,
            String streamName,
            @JsonProperty("StreamARN") String streamArn,
            String mediaType,
            String kmsKeyId,
            String version,
            String status,
            double creationTime,
            int dataRetentionInHours) {

        static StreamInfo of(StreamView stream) {
            return new StreamInfo(
                    stream.deviceName(),
                    stream.name(),
                    stream.arn().toString(),
                    stream.mediaType(),
                    stream.kmsKeyId(),
                    stream.version(),
                    stream.status().name(),
                    stream.createdAt().toEpochMilli() / 1000.0,
                    stream.dataRetentionInHours());
        }
    }

    record StreamNameCondition(String comparisonOperator, String comparisonValue) {}

    record ListStreamsRequest(Integer maxResults, String nextToken, StreamNameCondition streamNameCondition) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListStreamsResponse(List<StreamInfo> streamInfoList, String nextToken) {}

    record DeleteStreamRequest(@JsonProperty("StreamARN") String streamArn, String currentVersion) {}

    record UpdateStreamRequest(
            String streamName,
            @JsonProperty("StreamARN") String streamArn,
            String currentVersion,
            String deviceName,
            String mediaType) {}

    record UpdateDataRetentionRequest(
            String streamName,
            @JsonProperty("StreamARN") String streamArn,
            String currentVersion,
            String operation,
            Integer dataRetentionChangeInHours) {}

    record GetDataEndpointRequest(
            String streamName,
            @JsonProperty("StreamARN") String streamArn,
            @JsonProperty("APIName") String apiName) {}

    record GetDataEndpointResponse(String dataEndpoint) {}

    record TagStreamRequest(
            String streamName, @JsonProperty("StreamARN") String streamArn, Map<String, String> tags) {}

    record UntagStreamRequest(
            String streamName, @JsonProperty("StreamARN") String streamArn, List<String> tagKeyList) {}

    record ListTagsForStreamRequest(
            String streamName, @JsonProperty("StreamARN") String streamArn, String nextToken) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListTagsResponse(String nextToken, Map<String, String> tags) {}
}
