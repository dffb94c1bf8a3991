package dev.shardline.streams.record;

import dev.shardline.streams.stream.StreamView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Records that arrived before the stream's retention period are never returned, whether or not Kafka has deleted them. */
final class RetentionWindow {

    private RetentionWindow() {}

    static Instant cutoff(StreamView stream, Clock clock) {
        return clock.instant().minus(Duration.ofHours(stream.retentionHours()));
    }
}
