package dev.shardline.analytics.connector;

import java.io.Serializable;
import java.time.Instant;

/**
 * Where a source starts in the shards it finds first ({@code source.init.position}); shards that a resharding adds
 * later are always read from their start, as AWS's connector reads them.
 *
 * @param type TRIM_HORIZON, LATEST or AT_TIMESTAMP
 * @param timestamp for AT_TIMESTAMP, the arrival time from which on records are read
 */
record StartPosition(Type type, Instant timestamp) implements Serializable {

    enum Type {
        TRIM_HORIZON,
        LATEST,
        AT_TIMESTAMP
    }
}
