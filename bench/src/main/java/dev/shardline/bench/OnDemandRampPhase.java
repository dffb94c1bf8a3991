package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Capacity phase: an ON_DEMAND stream under a write rate that rises in steps, while a {@link ShardMonitor} records
 * when the server adds shards. Its shards are limited as AWS's are (1,000 records/s and 1 MiB/s each), so a step can be
 * throttled; it is judged against AWS's documented on-demand behaviour: a new stream takes 4 MB/s (4,000 records/s of
 * these 1 KiB records), and on-demand mode "accommodates up to double the previous peak write throughput", beyond
 * which it may throttle. A step within that is one AWS absorbs, and any record throttled in it fails the phase; a
 * step beyond it may be throttled, and its throttling is reported, not judged.
 */
final class OnDemandRampPhase {

    /** A new on-demand stream's write capacity on AWS, 4 MB/s, in the phase's 1 KiB records. */
    static final int AWS_INITIAL_RECORDS_PER_SECOND = 4_000;

    /** How long the monitor may outlive the schedule if the writers are slow to finish; it is normally stopped. */
    private static final Duration MONITOR_SLACK = Duration.ofSeconds(30);

    record Outcome(
            int writers,
            PacedWriters.Outcome writes,
            List<Integer> openAtStepEnd,
            int initialOpen,
            int finalOpen,
            int finalListedOpen,
            long disagreements,
            List<ShardMonitor.Change> changes,
            long monitorPolls,
            long monitorErrors) {

        int peakRate() {
            return writes.steps().stream().mapToInt(s -> s.step().rate()).max().orElse(0);
        }

        /**
         * Whether AWS's on-demand mode would take step {@code index} without throttling: its rate is at most double
         * the peak of the steps before it (the stream's only history), and never less than a new stream's capacity.
         */
        boolean awsAbsorbs(int index) {
            int previousPeak = 0;
            for (int i = 0; i < index; i++) {
                previousPeak =
                        Math.max(previousPeak, writes.steps().get(i).step().rate());
            }
            int absorbed = Math.max(AWS_INITIAL_RECORDS_PER_SECOND, 2 * previousPeak);
            return writes.steps().get(index).step().rate() <= absorbed;
        }

        /** Records throttled in steps that AWS would have absorbed: what fails the phase. */
        long throttledWhereAwsAbsorbs() {
            long throttled = 0;
            for (int i = 0; i < writes.steps().size(); i++) {
                if (awsAbsorbs(i)) {
                    throttled += writes.steps().get(i).throttled();
                }
            }
            return throttled;
        }

        String status() {
            if (throttledWhereAwsAbsorbs() > 0) {
                return "THROTTLED";
            }
            if (writes.otherFailed() > 0) {
                return "ERRORS";
            }
            return "OK";
        }
    }

    private OnDemandRampPhase() {}

    static Outcome run(KinesisClient kinesis, BenchStream stream, List<Integer> rates, Duration step, int writers)
            throws InterruptedException {
        List<PacedWriters.Step> steps = new ArrayList<>();
        rates.forEach(rate -> steps.add(new PacedWriters.Step(rate, step)));
        PacedWriters.Schedule schedule = new PacedWriters.Schedule(steps, System.nanoTime());
        ShardMonitor monitor =
                new ShardMonitor(kinesis, stream.name(), schedule, schedule.end() + MONITOR_SLACK.toNanos());
        PacedWriters.Outcome writes;
        ShardMonitor watched;
        try (Workers<ShardMonitor> monitoring = Workers.start("monitor", List.of(monitor))) {
            try {
                writes = PacedWriters.run(kinesis, stream.name(), writers, schedule);
            } finally {
                monitor.stop();
            }
            watched = monitoring
                    .await(MONITOR_SLACK.plus(Workers.IN_FLIGHT_CALL_SLACK))
                    .get(0);
        }
        List<Integer> openAtStepEnd = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            openAtStepEnd.add(watched.openAt(schedule.stepEnd(i) - schedule.start()));
        }
        return new Outcome(
                writers,
                writes,
                List.copyOf(openAtStepEnd),
                watched.initialOpen(),
                watched.finalOpen(),
                watched.finalListedOpen(),
                watched.disagreements(),
                List.copyOf(watched.changes()),
                watched.polls(),
                watched.errors());
    }
}
