package dev.shardline.video.stream;

import dev.shardline.platform.error.AwsErrorType;

/**
 * How a call names its stream: by StreamName or StreamARN (AWS takes either wherever it takes one), in the caller's
 * account and region.
 */
public record StreamSelector(String accountId, String region, String name, VideoStreamArn arn) {

    /** The stream named by {@code streamName} or {@code streamArn}; at least one must be given. */
    public static StreamSelector of(String accountId, String region, String streamName, String streamArn) {
        if (streamName == null && streamArn == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Either StreamName or StreamARN must be specified");
        }
        VideoStreamArn arn = streamArn == null ? null : VideoStreamArn.parse(streamArn);
        if (arn != null && streamName != null && !arn.name().equals(streamName)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("StreamName and StreamARN name different streams");
        }
        return new StreamSelector(accountId, region, arn != null ? arn.name() : streamName, arn);
    }

    /** By name alone, as the REST API names streams. */
    public static StreamSelector byName(String accountId, String region, String streamName) {
        return new StreamSelector(accountId, region, streamName, null);
    }
}
