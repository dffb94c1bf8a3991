package dev.shardline.kinesis;

import dev.shardline.platform.error.Validation;
import java.util.regex.Pattern;

/**
 * A Kinesis stream's name: 1 to 128 characters of {@code [a-zA-Z0-9_.-]}. It checks itself on construction and
 * refuses with AWS's ValidationException wording; a request with several members checks each with
 * {@link #check(Validation, String, String)} so that all violations are reported together, as AWS does.
 */
public record StreamName(String value) {

    /** AWS's pattern for StreamName, as its validation messages quote it. */
    public static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9_.-]+");

    public static final int MAX_LENGTH = 128;

    public StreamName {
        Validation v = Validation.of();
        if (v.required("streamName", value)) {
            check(v, "streamName", value);
        }
        v.throwIfInvalid();
    }

    /** Adds AWS's constraints on a StreamName member ({@code streamName}, {@code exclusiveStartStreamName}, ...). */
    public static Validation check(Validation v, String member, String value) {
        return v.length(member, value, 1, MAX_LENGTH).pattern(member, value, PATTERN);
    }

    /** Whether {@code value} is a valid name (for names taken out of an ARN, which are refused with their own words). */
    public static boolean isValid(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_LENGTH
                && PATTERN.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
