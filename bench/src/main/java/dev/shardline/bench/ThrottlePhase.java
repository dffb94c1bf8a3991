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
     * fresh client JVM are slow enough that the writers would not offer the target rate; it normally also drains the
     * shards' token buckets, which start full, so the window measures the sustained limit.
     */
    static final Duration WARMUP = Duration.ofSeconds(3);

    /**
     * How far above the limit plus one full bucket the acknowledged rate may be before the limit counts as not
     * enforced: calls are counted when sent, and a writer that fell behind has some answered after the window.
     */
    private static final double TOLERANCE = 1.1;

    /** Below this much of the limit acknowledged while overloaded, the server refuses records it should take. */
    private static final double MIN_ACKED = 0.85;

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

        /** The most a limited stream acknowledges in the window: the limit, plus the full bucket it may start with. */
        double ackedCeiling() {
            return limitPerSecond() * (seconds() + 1) / seconds() * TOLERANCE;
        }

        String status() {
            if (all.otherFailed() > 0) {
                return "ERRORS";
            }
            if (offeredPerSecond() < limitPerSecond() * MIN_OVERLOAD) {
                return "UNDER_OFFERED";
            }
            if (measured.throttled() == 0 || ackedPerSecond() > ackedCeiling()) {
                return "NOT_LIMITED";
            }
            if (ackedPerSecond() < limitPerSecond() * MIN_ACKED) {
                return "OVER_THROTTLED";
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
