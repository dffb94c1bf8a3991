package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The same windowed SQL over the same records, once from a Shardline stream ({@code 'connector' = 'kinesis'}) and
 * once from a plain Kafka topic on the same broker ({@code 'connector' = 'kafka'}), one application after the other,
 * the order swapped each round. Both read {@code records} events loaded ahead of time, so the rate is how fast the job
 * gets through them: the events of every window after the first, over the time between the first and the last window
 * result written to the output stream (their arrival timestamps). Startup and planning are not in it.
 */
final class AnalyticsThroughputPhase {

    /** The event time of the first loaded record; any fixed value does. */
    private static final long BASE = 1_764_000_000_000L;

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    /** No new window result for this long once some came: the job will not count the rest. */
    private static final Duration STALL = Duration.ofSeconds(60);

    private final AnalyticsOptions options;
    private final KinesisClient kinesis;
    private final AnalyticsApps apps;
    private final String suffix;

    AnalyticsThroughputPhase(AnalyticsOptions options, KinesisClient kinesis, AnalyticsApps apps, String suffix) {
        this.options = options;
        this.kinesis = kinesis;
        this.apps = apps;
        this.suffix = suffix;
    }

    List<Result> run() throws Exception {
        List<Result> results = new ArrayList<>();
        try (BenchStream input = BenchStream.create(kinesis, "flink", "windowed", options.shards())) {
            long started = System.nanoTime();
            WindowEvents.loadStream(
                    kinesis, input.name(), BenchStream.listShards(kinesis, input.name()), BASE, options.records());
            double streamLoad = (System.nanoTime() - started) / 1e9;
            String topic = "bench-flink-windowed-" + suffix;
            started = System.nanoTime();
            WindowEvents.loadTopic(options.kafkaBootstrap(), topic, options.shards(), BASE, options.records());
            double topicLoad = (System.nanoTime() - started) / 1e9;
            AnalyticsBench.log(
                    "loaded %d events into stream %s (PutRecords, %.1f s) and topic %s (Kafka producer, %.1f s)",
                    options.records(), input.name(), streamLoad, topic, topicLoad);
            String streamArn = kinesis.describeStreamSummary(r -> r.streamName(input.name()))
                    .streamDescriptionSummary()
                    .streamARN();
            for (int round = 1; round <= options.rounds(); round++) {
                List<String> order = round % 2 == 1 ? List.of("kinesis", "kafka") : List.of("kafka", "kinesis");
                for (String connector : order) {
                    String source = connector.equals("kinesis")
                            ? WindowSql.kinesisSource(streamArn)
                            : WindowSql.kafkaSource(topic, options.kafkaBootstrap());
                    results.add(runOnce(connector, round, source));
                }
            }
        }
        return results;
    }

    private Result runOnce(String connector, int round, String source) {
        String app = "bench-" + connector + "-r" + round + "-" + suffix;
        try (BenchStream output = BenchStream.create(kinesis, "flink", "counts-" + connector + round, 1)) {
            String outputArn = kinesis.describeStreamSummary(r -> r.streamName(output.name()))
                    .streamDescriptionSummary()
                    .streamARN();
            // Ten seconds of out-of-order event time: the loading writers interleave batches of 500 (0.5 s each).
            apps.create(app, WindowSql.script(source, outputArn, 10), 5_000, options.parallelism());
            try (WindowResults windows =
                    new WindowResults(kinesis, output.name(), output.shardIds().get(0))) {
                long startCalled = System.currentTimeMillis();
                apps.start(app);
                apps.awaitRunning(app, Duration.ofMinutes(5));
                long running = System.currentTimeMillis();
                long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
                long lastTotal = -1;
                long progressAt = System.nanoTime();
                while (windows.total() < options.records() && System.nanoTime() < deadline) {
                    WindowEvents.sleep(100);
                    if (windows.total() != lastTotal) {
                        lastTotal = windows.total();
                        progressAt = System.nanoTime();
                    } else if (lastTotal > 0 && System.nanoTime() - progressAt > STALL.toNanos()) {
                        break; // results stopped short of the events: reported as a MISMATCH
                    }
                }
                AnalyticsApps.CheckpointStats checkpoints =
                        apps.dashboard(app).flatMap(apps::checkpoints).orElse(null);
                Result result = measure(connector, round, windows.rows(), startCalled, running, checkpoints);
                AnalyticsBench.log("%s round %d: %s", connector, round, result.line());
                return result;
            }
        } finally {
            apps.forceStopAndDelete(app);
        }
    }

    private Result measure(
            String connector,
            int round,
            List<WindowResults.Row> rows,
            long startCalled,
            long running,
            AnalyticsApps.CheckpointStats checkpoints) {
        // Per window: its count over all keys, and when its last row was written.
        Map<Long, long[]> windows = new TreeMap<>();
        long total = 0;
        for (WindowResults.Row row : rows) {
            long[] window = windows.computeIfAbsent(row.windowEnd(), w -> new long[2]);
            window[0] += row.count();
            window[1] = Math.max(window[1], row.arrivalMillis());
            total += row.count();
        }
        Result result = Result.of("shardline", "flink-throughput")
                .add("connector", connector)
                .add("round", round)
                .add("events", options.records())
                .add("counted", total)
                .add("windows", windows.size())
                .add("status", total == options.records() ? "ok" : "MISMATCH");
        if (windows.size() < 3) {
            return result.add("events_per_s", "n/a");
        }
        List<long[]> ordered = new ArrayList<>(windows.values());
        ordered.sort((a, b) -> Long.compare(a[1], b[1]));
        long first = ordered.get(0)[1];
        long last = ordered.get(ordered.size() - 1)[1];
        long after = total - ordered.get(0)[0];
        double seconds = Math.max(1, last - first) / 1000.0;
        result.add("events_per_s", after / seconds)
                .add("steady_s", seconds)
                .add("start_to_first_result_s", (first - startCalled) / 1000.0)
                .add("running_to_last_result_s", (last - running) / 1000.0);
        if (checkpoints != null) {
            result.add("checkpoints", checkpoints.completed())
                    .add("checkpoints_failed", checkpoints.failed())
                    .add("checkpoint_p50_ms", checkpoints.p50Millis())
                    .add("checkpoint_max_ms", checkpoints.maxMillis());
        }
        return result;
    }
}
