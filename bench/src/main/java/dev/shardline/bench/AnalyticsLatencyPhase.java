package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * The windowed SQL over a Shardline stream fed at a steady rate (event time = the put's wall clock): how long after a
 * window closes its result can be read from the output stream (GetRecords, polled every 20 ms), what Flink says its
 * checkpoints take, and then, with the server's pid, {@code kill -9} of the all-in-one runtime (bench/analytics.sh
 * starts it again on the same data directory): the time until the application's job is RUNNING again, and until it is
 * caught up, i.e. the result of a window that closed after that arrives (the backlog from the last checkpoint on, and
 * what was put since the restart, read first: the watermark holds every window until then).
 */
final class AnalyticsLatencyPhase {

    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final long TICK_MILLIS = 10;

    private final AnalyticsOptions options;
    private final KinesisClient kinesis;
    private final AnalyticsApps apps;
    private final String suffix;

    AnalyticsLatencyPhase(AnalyticsOptions options, KinesisClient kinesis, AnalyticsApps apps, String suffix) {
        this.options = options;
        this.kinesis = kinesis;
        this.apps = apps;
        this.suffix = suffix;
    }

    List<Result> run() {
        List<Result> results = new ArrayList<>();
        String app = "bench-paced-" + suffix;
        try (BenchStream input = BenchStream.create(kinesis, "flink", "paced", options.shards());
                BenchStream output = BenchStream.create(kinesis, "flink", "paced-counts", 1)) {
            String inputArn = arn(input);
            apps.create(
                    app,
                    WindowSql.script(WindowSql.kinesisSource(inputArn), arn(output), 0),
                    options.checkpointMillis(),
                    options.parallelism());
            try (WindowResults windows = new WindowResults(
                            kinesis, output.name(), output.shardIds().get(0));
                    PacedWriter writer = new PacedWriter(input.name(), options.latencyRate())) {
                apps.start(app);
                apps.awaitRunning(app, Duration.ofMinutes(5));
                writer.start();
                WindowEvents.sleep(WARM_UP.toMillis());
                long from = System.currentTimeMillis();
                WindowEvents.sleep(options.latencySeconds() * 1000L);
                long to = System.currentTimeMillis();
                WindowEvents.sleep(3_000);
                results.add(latency(windows.rows(), writer, from, to));
                AnalyticsBench.log(
                        "latency: %s", results.get(results.size() - 1).line());
                Optional<AnalyticsApps.Dashboard> dashboard = apps.dashboard(app);
                Result checkpoints =
                        Result.of("shardline", "flink-checkpoint").add("interval_ms", options.checkpointMillis());
                dashboard
                        .flatMap(apps::checkpoints)
                        .ifPresentOrElse(
                                stats -> checkpoints
                                        .add("completed", stats.completed())
                                        .add("failed", stats.failed())
                                        .add("p50_ms", stats.p50Millis())
                                        .add("p99_ms", stats.p99Millis())
                                        .add("max_ms", stats.maxMillis())
                                        .add("last_size_bytes", stats.lastSize()),
                                () -> checkpoints.add("status", "no_dashboard"));
                results.add(checkpoints);
                AnalyticsBench.log("checkpoints: %s", checkpoints.line());
                if (options.phases().contains(AnalyticsOptions.RECOVERY)) {
                    results.add(recovery(app, windows, writer));
                    AnalyticsBench.log(
                            "recovery: %s", results.get(results.size() - 1).line());
                }
            } finally {
                apps.forceStopAndDelete(app);
            }
        }
        return results;
    }

    private Result latency(List<WindowResults.Row> rows, PacedWriter writer, long from, long to) {
        LongList seen = new LongList();
        LongList written = new LongList();
        Map<Long, Long> counted = new HashMap<>();
        for (WindowResults.Row row : rows) {
            if (row.windowEnd() > from && row.windowEnd() <= to) {
                seen.add(row.seenMillis() - row.windowEnd());
                written.add(row.arrivalMillis() - row.windowEnd());
                counted.merge(row.windowEnd(), row.count(), Long::sum);
            }
        }
        int wrong = 0;
        for (Map.Entry<Long, Long> window : counted.entrySet()) {
            if (!window.getValue().equals(writer.putPerWindow.get(window.getKey()))) {
                wrong++;
            }
        }
        long[] sortedSeen = seen.toSortedArray();
        long[] sortedWritten = written.toSortedArray();
        return Result.of("shardline", "flink-latency")
                .add("rate", options.latencyRate())
                .add("seconds", (to - from) / 1000)
                .add("results", sortedSeen.length)
                .add("windows", counted.size())
                .add("windows_miscounted", wrong)
                .add("put_errors", writer.errors.get())
                .add("p50_ms", percentile(sortedSeen, 50))
                .add("p99_ms", percentile(sortedSeen, 99))
                .add("max_ms", percentile(sortedSeen, 100))
                .add("written_p50_ms", percentile(sortedWritten, 50))
                .add("written_p99_ms", percentile(sortedWritten, 99))
                .add("status", sortedSeen.length > 0 && wrong == 0 ? "ok" : "CHECK");
    }

    private Result recovery(String app, WindowResults windows, PacedWriter writer) {
        Result result = Result.of("shardline", "flink-recovery");
        Optional<ProcessHandle> server = ProcessHandle.of(options.serverPid());
        if (server.isEmpty()) {
            return result.add("status", "no_server_pid");
        }
        AnalyticsApps.Dashboard before = apps.dashboard(app).orElse(null);
        long killed = System.currentTimeMillis();
        server.get().destroyForcibly(); // SIGKILL
        server.get().onExit().join();
        AnalyticsBench.log(
                "killed the runtime (pid %d) with SIGKILL; waiting for it to come back", options.serverPid());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long running = -1;
        while (running < 0 && System.nanoTime() < deadline) {
            Optional<AnalyticsApps.Dashboard> dashboard = apps.dashboard(app);
            if (dashboard.isPresent()
                    && !dashboard.get().equals(before)
                    && apps.jobState(dashboard.get()).filter("RUNNING"::equals).isPresent()) {
                running = System.currentTimeMillis();
            } else {
                WindowEvents.sleep(100);
            }
        }
        if (running < 0) {
            return result.add("status", "NOT_RUNNING_AGAIN");
        }
        long caughtUp = -1;
        while (caughtUp < 0 && System.nanoTime() < deadline) {
            for (WindowResults.Row row : windows.rows()) {
                if (row.windowEnd() > running && (caughtUp < 0 || row.seenMillis() < caughtUp)) {
                    caughtUp = row.seenMillis();
                }
            }
            if (caughtUp < 0) {
                WindowEvents.sleep(50);
            }
        }
        if (caughtUp < 0) {
            return result.add("kill_to_running_s", (running - killed) / 1000.0).add("status", "NOT_CAUGHT_UP");
        }
        // A while longer: latency after the recovery, and what the at-least-once sink wrote twice.
        WindowEvents.sleep(options.recoverySeconds() * 1000L);
        long end = System.currentTimeMillis();
        Set<String> keys = new HashSet<>();
        long duplicates = 0;
        LongList after = new LongList();
        for (WindowResults.Row row : windows.rows()) {
            if (!keys.add(row.key() + "@" + row.windowEnd())) {
                duplicates++;
            }
            if (row.windowEnd() > caughtUp && row.windowEnd() <= end - 3_000) {
                after.add(row.seenMillis() - row.windowEnd());
            }
        }
        long[] sortedAfter = after.toSortedArray();
        return result.add("kill_to_running_s", (running - killed) / 1000.0)
                .add("kill_to_caught_up_s", (caughtUp - killed) / 1000.0)
                .add("put_errors_while_down", writer.errors.get())
                .add("duplicate_results", duplicates)
                .add("after_p50_ms", percentile(sortedAfter, 50))
                .add("after_p99_ms", percentile(sortedAfter, 99))
                .add("status", "ok");
    }

    private static long percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private String arn(BenchStream stream) {
        return kinesis.describeStreamSummary(r -> r.streamName(stream.name()))
                .streamDescriptionSummary()
                .streamARN();
    }

    /**
     * One thread, one PutRecords every 10 ms of {@code rate / 100} records stamped with the wall clock: per shard the
     * event time never goes back, so the SQL's watermark may follow it exactly. A call that fails (the server is down)
     * is dropped, not retried, and counted.
     */
    private final class PacedWriter implements AutoCloseable {

        final Map<Long, Long> putPerWindow = new ConcurrentHashMap<>();
        final AtomicLong errors = new AtomicLong();
        private final String stream;
        private final int perTick;
        private final Thread thread;
        private volatile boolean running = true;
        private long sequence;

        PacedWriter(String stream, int rate) {
            this.stream = stream;
            this.perTick = Math.max(1, rate / (int) (1000 / TICK_MILLIS));
            this.thread = new Thread(this::run, "paced-writer");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            long next = System.currentTimeMillis();
            while (running) {
                long ts = System.currentTimeMillis();
                List<PutRecordsRequestEntry> entries = new ArrayList<>(perTick);
                for (int i = 0; i < perTick; i++) {
                    long n = sequence++;
                    entries.add(PutRecordsRequestEntry.builder()
                            .partitionKey(Long.toString(n))
                            .data(SdkBytes.fromByteArrayUnsafe(WindowEvents.json(WindowEvents.key(n), ts)))
                            .build());
                }
                try {
                    PutRecordsResponse response =
                            kinesis.putRecords(r -> r.streamName(stream).records(entries));
                    long failed = response.failedRecordCount() == null ? 0 : response.failedRecordCount();
                    errors.addAndGet(failed);
                    putPerWindow.merge(Math.floorDiv(ts, 1000) * 1000 + 1000, entries.size() - failed, Long::sum);
                } catch (SdkException e) {
                    errors.addAndGet(entries.size());
                }
                next += TICK_MILLIS;
                long wait = next - System.currentTimeMillis();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                } else if (wait < -1_000) {
                    next = System.currentTimeMillis(); // fell far behind (the server was away): no burst to catch up
                }
            }
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
