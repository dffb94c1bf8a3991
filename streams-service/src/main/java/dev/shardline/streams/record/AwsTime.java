package dev.shardline.streams.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps in AWS's error messages, e.g. {@code Mon Nov 25 22:41:58 UTC 2026}. */
final class AwsTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy").withZone(ZoneOffset.UTC);

    private AwsTime() {}

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
