package dev.shardline.streams.stream;

import dev.shardline.kinesis.StreamArn;
import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import java.util.regex.Pattern;

/**
 * AWS's member constraints for Kinesis that no value type owns yet, and the stream a request names by StreamName or
 * StreamARN. Names, ARNs and shard ids check themselves: {@link StreamName}, {@link StreamArn},
 * {@link dev.shardline.kinesis.ShardId}.
 */
public final class StreamConstraints {

    public static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");
    public static final Pattern SEQUENCE_NUMBER = Pattern.compile("0|([1-9]\\d{0,128})");

    private StreamConstraints() {}

    /**
     * The stream a request names by StreamName or StreamARN (AWS accepts either); the members' own constraints were
     * checked against the AWS model before the action ran.
     */
    public static StreamRef stream(AwsRequestContext ctx, String name, String arn) {
        if (arn == null) {
            if (name == null) {
                throw AwsErrorType.VALIDATION.exception("Either StreamName or StreamARN should be provided.");
            }
            return new StreamRef(ctx.accountId(), ctx.region(), name);
        }
        StreamArn parsed = StreamArn.parse(arn);
        if (name != null && !name.equals(parsed.streamName())) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "StreamARN " + arn + " and StreamName " + name + " refer to different streams.");
        }
        return StreamRef.of(parsed);
    }
}
