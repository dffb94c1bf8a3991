package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * Watches a stream's shards while {@link PacedWriters} write to it: every second DescribeStreamSummary (open shard
 * count, status) and ListShards (which shards exist, and their parents), recording every change with the time since
 * the schedule started and the rate offered at that moment.
 */
final class ShardMonitor implements Callable<ShardMonitor> {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    /** A shard that appeared in ListShards, with the shard(s) it came from. */
    record NewShard(String shardId, String parentShardId, String adjacentParentShardId) {

        String describe() {
            if (parentShardId == null) {
                return shardId;
            }
            return shardId + "<" + parentShardId + (adjacentParentShardId == null ? "" : "+" + adjacentParentShardId);
        }
    }

    /**
     * A poll that saw DescribeStreamSummary's open shard count change (or, once at the end, new shards that were
     * listed without the count changing). {@code newShards} are the shards ListShards added since the previous change,
     * first listed at {@code listedAtNanos} (-1 if none); {@code listedOpen} counts the shards ListShards showed without
     * an ending sequence number in the same poll.
     */
    record Change(
            long atNanos,
            int fromOpen,
            int toOpen,
            int offeredRate,
            String status,
            List<NewShard> newShards,
            long listedAtNanos,
            int listedOpen) {

        double atSeconds() {
            return atNanos / 1e9;
        }

        double listedAtSeconds() {
            return listedAtNanos / 1e9;
        }
    }

    /** The open shard count one poll saw, {@code atNanos} after the schedule started. */
    record Sample(long atNanos, int open) {}

    private final KinesisClient kinesis;
    private final String stream;
    private final PacedWriters.Schedule schedule;
    private final long stopAt;
    private volatile boolean stopped;

    private final Set<String> known = new HashSet<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private final List<NewShard> pending = new ArrayList<>();
    private long pendingSince = -1;
    private int lastListedOpen = -1;
    private int initialOpen = -1;
    private int lastOpen = -1;
    private String lastStatus = "";
    private long polls;
    private long errors;
    private long disagreements;

    /** Polls until {@link #stop()} or {@code stopAt} (System.nanoTime()), whichever comes first. */
    ShardMonitor(KinesisClient kinesis, String stream, PacedWriters.Schedule schedule, long stopAt) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.schedule = schedule;
        this.stopAt = stopAt;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public ShardMonitor call() {
        long next = System.nanoTime();
        while (!stopped
                && System.nanoTime() - stopAt < 0
                && !Thread.currentThread().isInterrupted()) {
            poll();
            next += INTERVAL.toNanos();
            for (long wait = next - System.nanoTime(); wait > 0 && !stopped; wait = next - System.nanoTime()) {
                // Short naps, so stop() ends the loop without waiting out the interval.
                LockSupport.parkNanos(Math.min(wait, Duration.ofMillis(50).toNanos()));
            }
        }
        // One last look after the writers stopped: the final shard count.
        poll();
        if (!pending.isEmpty()) {
            long at = System.nanoTime();
            changes.add(new Change(
                    at - schedule.start(),
                    lastOpen,
                    lastOpen,
                    schedule.rateAt(at),
                    lastStatus,
                    List.copyOf(pending),
                    pendingSince,
                    lastListedOpen));
        }
        return this;
    }

    private void poll() {
        long at = System.nanoTime();
        polls++;
        int open;
        String status;
        List<Shard> shards;
        try {
            StreamDescriptionSummary summary =
                    kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary();
            open = summary.openShardCount() == null ? -1 : summary.openShardCount();
            status = String.valueOf(summary.streamStatus());
            shards = BenchStream.listShards(kinesis, stream);
        } catch (SdkException e) {
            errors++;
            BenchLog.warnSometimes("shard monitor: " + e.getMessage());
            return;
        }
        long sinceStart = at - schedule.start();
        int listedOpen = 0;
        for (Shard shard : shards) {
            if (shard.sequenceNumberRange() == null
                    || shard.sequenceNumberRange().endingSequenceNumber() == null) {
                listedOpen++;
            }
            if (known.add(shard.shardId()) && initialOpen >= 0) {
                pending.add(new NewShard(shard.shardId(), shard.parentShardId(), shard.adjacentParentShardId()));
                if (pendingSince < 0) {
                    pendingSince = sinceStart;
                }
            }
        }
        if (initialOpen < 0) {
            initialOpen = open;
        } else if (open != lastOpen) {
            changes.add(new Change(
                    sinceStart,
                    lastOpen,
                    open,
                    schedule.rateAt(at),
                    status,
                    List.copyOf(pending),
                    pendingSince,
                    listedOpen));
            pending.clear();
            pendingSince = -1;
        }
        if (listedOpen != open) {
            disagreements++;
        }
        lastListedOpen = listedOpen;
        lastOpen = open;
        lastStatus = status;
        samples.add(new Sample(sinceStart, open));
    }

    int initialOpen() {
        return initialOpen;
    }

    int finalOpen() {
        return lastOpen;
    }

    String finalStatus() {
        return lastStatus;
    }

    /** Open shards (no ending sequence number) in the last ListShards answer. */
    int finalListedOpen() {
        return lastListedOpen;
    }

    /** Polls in which ListShards showed a different number of open shards than DescribeStreamSummary's count. */
    long disagreements() {
        return disagreements;
    }

    List<Change> changes() {
        return changes;
    }

    long polls() {
        return polls;
    }

    long errors() {
        return errors;
    }

    /** The open shard count last seen at or before {@code atNanos} after the start, -1 if none was seen yet. */
    int openAt(long atNanos) {
        int open = -1;
        for (Sample sample : samples) {
            if (sample.atNanos() > atNanos) {
                break;
            }
            open = sample.open();
        }
        return open;
    }
}
