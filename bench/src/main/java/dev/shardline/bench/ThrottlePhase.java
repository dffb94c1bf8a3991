package dev.shardline.bench;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Capacity phase: PROVISIONED per-shard write limits. Writers offer a 2-shard stream about twice the 1,000 records/s a
 * shard takes and count what is acknowledged and what is refused with ProvisionedThroughputExceededException.
 */
final class ThrottlePhase {

    static final int SHARDS = 2;

    /** AWS's (and Shardline's) write limit of a PROVISIONED shard: 1,000 records/s (and 1 MiB/s). */
    static final int RECORDS_PER_SHARD_SECOND = 1000;

    /**
     * Written at the same rate before the measured window and not counted: the first calls to a fresh server and a
     * fresh client JVM are slow enough that the writers would not offer the target rate; it also drains the shards'
     * token buckets, which start full, so the window measures the sustained limit.
     */
    static final Duration WARMUP = Duration.ofSeconds(3);

    /** How far above the limit the acknowledged rate may be (a token bucket refills continuously, batches do not). */
    private static final double TOLERANCE = 1.05;

    /** Below this much of the limit offered, the client, not the server, was the bottleneck. */
    private static final double MIN_OVERLOAD = 1.2;

    /** {@code measured} is the window after the warm-up; {@code all} includes the warm-up. */
    record Outcome(int targetRate, int writers, PacedWriters.StepStats measured, PacedWriters.Outcome all) {

        double seconds() {
            return measured.seconds();
        }

        long limitPerSecond() {
            return (long) SHARDS * RECORDS_PER_SHARD_SECOND;
        }

        double offeredPerSecond() {
            return measured.sentPerSecond();
        }

        double ackedPerSecond() {
            return measured.ackedPerSecond();
        }

        double throttledPercent() {
            return measured.sent() == 0 ? 0 : 100.0 * measured.throttled() / measured.sent();
        }

        String status() {
            if (all.otherFailed() > 0) {
                return "ERRORS";
            }
            if (offeredPerSecond() < limitPerSecond() * MIN_OVERLOAD) {
                return "UNDER_OFFERED";
            }
            if (measured.throttled() == 0 || ackedPerSecond() > limitPerSecond() * TOLERANCE) {
                return "NOT_LIMITED";
            }
            return "OK";
        }
    }

    private ThrottlePhase() {}

    static Outcome run(KinesisClient kinesis, BenchStream stream, int rate, int writers, Duration duration)
            throws InterruptedException {
        PacedWriters.Schedule schedule = new PacedWriters.Schedule(
                List.of(new PacedWriters.Step(rate, WARMUP), new PacedWriters.Step(rate, duration)), System.nanoTime());
        PacedWriters.Outcome all = PacedWriters.run(kinesis, stream.name(), writers, schedule);
        return new Outcome(rate, writers, all.steps().get(1), all);
    }
}
