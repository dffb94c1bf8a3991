package dev.shardline.streams.consumer;

import dev.shardline.streams.stream.StreamRef;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A consumer's ARN as AWS forms it: {@code arn:aws:kinesis:{region}:{account}:stream/{stream}/consumer/{name}:{t}},
 * where {@code t} is the consumer's creation time in epoch seconds, so a consumer registered again under the same name
 * has a new ARN.
 */
public record ConsumerArn(StreamRef stream, String consumerName, long creationEpochSeconds) {

    /** AWS's constraint on the ConsumerARN member, as its validation messages quote it. */
    public static final Pattern PATTERN = Pattern.compile(
            "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");

    private static final Pattern PARTS = Pattern.compile(
            "arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})/consumer/([a-zA-Z0-9_.-]{1,128}):(\\d{1,18})");

    /** The ARN's parts; empty when it does not name a consumer this way. */
    public static Optional<ConsumerArn> parse(String arn) {
        Matcher m = arn == null ? null : PARTS.matcher(arn);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ConsumerArn(
                new StreamRef(m.group(2), m.group(1), m.group(3)), m.group(4), Long.parseLong(m.group(5))));
    }

    @Override
    public String toString() {
        return stream.arn() + "/consumer/" + consumerName + ":" + creationEpochSeconds;
    }
}
