package dev.shardline.firehose.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The records of one buffer partition gathered for one object. Its position (partition and first offset) and its
 * first record's arrival time name the object, so a batch delivered again after a crash lands on the same key.
 */
public final class PendingBatch {

    private final int partition;
    private final long firstOffset;
    private final Instant firstArrival;
    private final Instant openedAt;
    private final long sizeLimitBytes;
    private final Duration interval;
    private final List<BufferedRecord> records = new ArrayList<>();
    private long lastOffset;
    private long sizeBytes;

    // Values of one batch (its position, timing and limits), not collaborators.
    public PendingBatch(
            int partition,
            long firstOffset,
            Instant firstArrival,
            Instant openedAt,
            long sizeLimitBytes,
            Duration interval) {
        this.partition = partition;
        this.firstOffset = firstOffset;
        this.firstArrival = firstArrival;
        this.openedAt = openedAt;
        this.sizeLimitBytes = sizeLimitBytes;
        this.interval = interval;
        this.lastOffset = firstOffset - 1;
    }

    public void add(BufferedRecord record) {
        records.add(record);
        lastOffset = record.offset();
        sizeBytes += record.data().length;
    }

    /** The size hint is reached: the batch goes out now, whatever its age. */
    public boolean isFull() {
        return sizeBytes >= sizeLimitBytes;
    }

    /**
     * The interval hint is reached: measured from when this instance opened the batch, so a backlog read after a
     * restart is cut by size rather than into one small object per poll.
     */
    public boolean isDue(Instant now) {
        return !now.isBefore(dueAt());
    }

    public Instant dueAt() {
        return openedAt.plus(interval);
    }

    public int partition() {
        return partition;
    }

    public long firstOffset() {
        return firstOffset;
    }

    public long lastOffset() {
        return lastOffset;
    }

    public Instant firstArrival() {
        return firstArrival;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public List<BufferedRecord> records() {
        return Collections.unmodifiableList(records);
    }
}
