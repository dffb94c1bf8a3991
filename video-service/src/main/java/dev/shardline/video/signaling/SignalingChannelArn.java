package dev.shardline.video.signaling;

import dev.shardline.platform.error.AwsErrorType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signaling channel's ARN, {@code arn:aws:kinesisvideo:{region}:{account}:channel/{name}/{creation time millis}}:
 * as for streams, the creation time tells a re-created channel of the same name from the one before it.
 */
public record SignalingChannelArn(String region, String accountId, String name, long creationMillis) {

    private static final Pattern FORMAT =
            Pattern.compile("arn:aws[a-z-]*:kinesisvideo:([a-z0-9-]+):([0-9]+):channel/([a-zA-Z0-9_.-]+)/([0-9]+)");

    /** Whether {@code text} has the form of a channel's ARN (rather than a stream's). */
    public static boolean isChannelArn(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** The channel {@code text} names; InvalidArgumentException where it is no signaling channel's ARN. */
    public static SignalingChannelArn parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid ARN " + text);
        }
        try {
            return new SignalingChannelArn(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4)));
        } catch (NumberFormatException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid ARN " + text);
        }
    }

    @Override
    public String toString() {
        return "arn:aws:kinesisvideo:" + region + ":" + accountId + ":channel/" + name + "/" + creationMillis;
    }
}
