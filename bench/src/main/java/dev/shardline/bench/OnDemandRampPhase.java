package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Capacity phase: an ON_DEMAND stream under a write rate that rises in steps, while a {@link ShardMonitor} records
 * when the server adds shards. ON_DEMAND streams are not limited per shard, so no write should be throttled.
 */
final class OnDemandRampPhase {

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

        String status() {
            if (writes.throttled() > 0) {
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
