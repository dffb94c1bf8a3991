package dev.shardline.analytics.connector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far one source reader is behind the tip of its shards, as AWS's Kinesis source reports it: for each shard, the
 * time since the arrival of the last record read while more records wait behind it, 0 once the reader has read all
 * there is. The reader's gauge {@code millisBehindLatest} shows the largest over its shards, {@code -1} before any
 * was read. Written by the split reader's fetcher thread, read by Flink's metric reporters.
 */
final class MillisBehindLatest {

    static final String GAUGE = "millisBehindLatest";

    private final Map<Integer, Long> byShard = new ConcurrentHashMap<>();

    /**
     * @param partition the shard's partition
     * @param lastArrival arrival time (epoch ms) of the last record just read from it, or -1 if none was
     * @param lag records still behind the reader's position, or -1 if not known
     */
    void update(int partition, long lastArrival, long lag, long now) {
        if (lag == 0) {
            byShard.put(partition, 0L);
        } else if (lastArrival >= 0) {
            byShard.put(partition, Math.max(0, now - lastArrival));
        }
    }

    void finished(int partition) {
        byShard.remove(partition);
    }

    long value() {
        return byShard.values().stream().mapToLong(Long::longValue).max().orElse(-1);
    }
}
