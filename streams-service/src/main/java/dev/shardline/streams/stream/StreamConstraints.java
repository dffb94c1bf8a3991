package dev.shardline.streams.stream;

import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** AWS's member constraints for Kinesis, in one place, with AWS's patterns. */
public final class StreamConstraints {

    public static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    public static final Pattern STREAM_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
    public static final Pattern SHARD_ID = Pattern.compile("[a-zA-Z0-9_.-]+");
    public static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");
    public static final Pattern SEQUENCE_NUMBER = Pattern.compile("0|([1-9]\\d{0,128})");
    private static final Pattern ARN_PARTS = Pattern.compile("arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/(\\S+)");

    private StreamConstraints() {}

    public static void streamName(Validation v, String value) {
        v.length("streamName", value, 1, 128).pattern("streamName", value, STREAM_NAME);
    }

    public static void streamArn(Validation v, String value) {
        v.length("streamARN", value, 1, 2048).pattern("streamARN", value, STREAM_ARN);
    }

    /**
     * The stream a request names by StreamName or StreamARN (AWS accepts either). Runs the request's other checks
     * first, so all constraint violations are reported together.
     */
    public static StreamRef stream(Validation v, AwsRequestContext ctx, String name, String arn) {
        streamName(v, name);
        streamArn(v, arn);
        v.throwIfInvalid();
        if (arn == null) {
            if (name == null) {
                throw AwsErrorType.VALIDATION.exception("Either StreamName or StreamARN should be provided.");
            }
            return new StreamRef(ctx.accountId(), ctx.region(), name);
        }
        Matcher m = ARN_PARTS.matcher(arn);
        if (!m.matches()
                || m.group(3).length() > 128
                || !STREAM_NAME.matcher(m.group(3)).matches()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid StreamARN " + arn + ".");
        }
        if (name != null && !name.equals(m.group(3))) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "StreamARN " + arn + " and StreamName " + name + " refer to different streams.");
        }
        return new StreamRef(m.group(2), m.group(1), m.group(3));
    }
}
