package dev.shardline.kinesis;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kinesis stream's ARN, {@code arn:aws:kinesis:{region}:{account}:stream/{name}}. A StreamARN member is 1 to 2048
 * characters matching AWS's pattern ({@link #check}); one that matches but names no valid stream is refused by
 * {@link #parse} with AWS's InvalidArgumentException, "Invalid StreamARN ...".
 */
public record StreamArn(String region, String accountId, String streamName) {

    /** AWS's pattern for StreamARN, as its validation messages quote it. */
    public static final Pattern PATTERN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");

    public static final int MAX_LENGTH = 2048;

    private static final Pattern PARTS = Pattern.compile("arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/(\\S+)");

    /** Adds AWS's constraints on a StreamARN member to {@code v}. */
    public static Validation check(Validation v, String member, String value) {
        return v.length(member, value, 1, MAX_LENGTH).pattern(member, value, PATTERN);
    }

    /** The stream an ARN names; empty unless it is a stream's ARN with a valid {@link StreamName}. */
    public static Optional<StreamArn> tryParse(String arn) {
        Matcher m = arn == null ? null : PARTS.matcher(arn);
        if (m == null || !m.matches() || !StreamName.isValid(m.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new StreamArn(m.group(1), m.group(2), m.group(3)));
    }

    /** The stream a StreamARN member names, or AWS's InvalidArgumentException. */
    public static StreamArn parse(String arn) {
        return tryParse(arn)
                .orElseThrow(() -> AwsErrorType.INVALID_ARGUMENT.exception("Invalid StreamARN " + arn + "."));
    }

    @Override
    public String toString() {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }
}
