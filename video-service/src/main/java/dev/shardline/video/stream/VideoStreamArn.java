package dev.shardline.video.stream;

import dev.shardline.platform.error.AwsErrorType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A video stream's ARN, {@code arn:aws:kinesisvideo:{region}:{account}:stream/{name}/{creation time millis}}: the
 * creation time tells a re-created stream of the same name from the one before it.
 */
public record VideoStreamArn(String region, String accountId, String name, long creationMillis) {

    private static final Pattern FORMAT =
            Pattern.compile("arn:aws[a-z-]*:kinesisvideo:([a-z0-9-]+):([0-9]+):stream/([a-zA-Z0-9_.-]+)/([0-9]+)");

    /** The stream {@code text} names; InvalidArgumentException where it is no video stream's ARN. */
    public static VideoStreamArn parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid ARN " + text);
        }
        try {
            return new VideoStreamArn(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4)));
        } catch (NumberFormatException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid ARN " + text);
        }
    }

    @Override
    public String toString() {
        return "arn:aws:kinesisvideo:" + region + ":" + accountId + ":stream/" + name + "/" + creationMillis;
    }
}
