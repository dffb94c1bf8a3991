package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Throughput and latency of a Kinesis Data Streams endpoint through the AWS SDK for Java v2, for comparing Shardline
 * with other Kinesis implementations on the same machine (see bench/run.sh).
 */
public final class KinesisBench {

    static final int SHARDS = 4;

    /** Stream creation, draining, reading and deletion on top of the timed phases; the watchdog's slack. */
    private static final Duration OVERHEAD_BUDGET = Duration.ofMinutes(10);

    private static final int EXIT_LOST = 1;
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_TIMEOUT = 3;
    private static final int EXIT_ERROR = 4;

    private final BenchOptions options;
    private final KinesisClient kinesis;
    private final List<String> summary = new ArrayList<>();
    private boolean lost;
    private boolean failed;

    private KinesisBench(BenchOptions options, KinesisClient kinesis) {
        this.options = options;
        this.kinesis = kinesis;
    }

    public static void main(String[] args) {
        // Before any logger exists: the SDK's INFO chatter would bury the results.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        startWatchdog(options);
        // Producers and pollers each hold a connection; the rest covers stream administration.
        int maxConnections = options.producers() + 2 * SHARDS + 8;
        int exit;
        try (KinesisClient kinesis = KinesisClients.create(options.endpoint(), options.cbor(), maxConnections)) {
            exit = new KinesisBench(options, kinesis).run();
        }
        System.exit(exit);
    }

    private int run() {
        BenchLog.info(String.format(
                Locale.ROOT,
                "benchmarking %s at %s (%s), %d producers x %d s, latency %d rec/s x %d s",
                options.name(),
                options.endpoint(),
                options.cbor() ? "CBOR" : "JSON",
                options.producers(),
                options.seconds(),
                options.latencyRate(),
                options.latencySeconds()));
        throughputPhases();
        latencyPhase();
        System.out.println();
        System.out.println("== " + options.name() + " (" + options.endpoint() + ", "
                + (options.cbor() ? "CBOR" : "JSON") + ") ==");
        summary.forEach(System.out::println);
        if (lost) {
            System.out.println("LOST records: see above");
            return EXIT_LOST;
        }
        return failed ? EXIT_ERROR : 0;
    }

    private void throughputPhases() {
        PutThroughputPhase.Outcome put = null;
        try (BenchStream stream = BenchStream.create(kinesis, options.name(), "tput", SHARDS)) {
            BenchLog.info("phase put: stream " + stream.name() + " shards " + stream.shardIds());
            put = PutThroughputPhase.run(
                    kinesis, stream.name(), options.producers(), Duration.ofSeconds(options.seconds()));
            // Records still failing after the drain were never stored: not lost, but the run is not a clean one.
            boolean putOk = put.acked() > 0 && put.unsent() == 0;
            failed |= !putOk;
            report(Result.of(options.name(), "put")
                    .add("producers", put.producers())
                    .add("seconds", put.elapsedNanos() / 1e9)
                    .add("calls", put.calls())
                    .add("records_acked", put.acked())
                    .add("records_failed", put.failedEntries())
                    .add("call_errors", put.callErrors())
                    .add("records_unsent", put.unsent())
                    .add("records_per_s", put.recordsPerSecond())
                    .add("mib_per_s", put.mibPerSecond())
                    .add("status", putOk ? "OK" : "UNSENT"));
            summary.add(String.format(
                    Locale.ROOT,
                    "PutRecords  %,10.0f records/s  %7.2f MiB/s   (%,d acked in %.1f s, %d producers, %,d calls,"
                            + " %,d failed entries retried, %d call errors, %,d never acknowledged) %s",
                    put.recordsPerSecond(),
                    put.mibPerSecond(),
                    put.acked(),
                    put.elapsedNanos() / 1e9,
                    put.producers(),
                    put.calls(),
                    put.failedEntries(),
                    put.callErrors(),
                    put.unsent(),
                    putOk ? "OK" : "UNSENT"));

            BenchLog.info("phase get: reading " + put.acked() + " records back");
            GetThroughputPhase.Outcome get = GetThroughputPhase.run(kinesis, stream, put);
            lost |= get.lost() > 0;
            failed |= !get.ok();
            String status = get.lost() > 0 ? "LOST" : get.ok() ? "OK" : "BROKEN_ORDER";
            report(Result.of(options.name(), "get")
                    .add("seconds", get.elapsedNanos() / 1e9)
                    .add("calls", get.calls())
                    .add("call_errors", get.callErrors())
                    .add("records_read", get.read())
                    .add("records_expected", get.expected())
                    .add("lost", get.lost())
                    .add("duplicates", get.duplicates())
                    .add("unacknowledged", get.unacknowledged())
                    .add("foreign", get.foreign())
                    .add("duplicate_seq", get.duplicateSequenceNumbers())
                    .add("out_of_order", get.outOfOrder())
                    .add("records_per_s", get.recordsPerSecond())
                    .add("mib_per_s", get.mibPerSecond())
                    .add("status", status));
            summary.add(String.format(
                    Locale.ROOT,
                    "GetRecords  %,10.0f records/s  %7.2f MiB/s   (%,d read of %,d acked, lost %,d, duplicates %,d,"
                            + " duplicate seq %,d, out of order %,d) %s",
                    get.recordsPerSecond(),
                    get.mibPerSecond(),
                    get.read(),
                    get.expected(),
                    get.lost(),
                    get.duplicates(),
                    get.duplicateSequenceNumbers(),
                    get.outOfOrder(),
                    status));
        } catch (RuntimeException | InterruptedException e) {
            phaseFailed(put == null ? "put" : "get", e);
        }
    }

    private void latencyPhase() {
        try (BenchStream stream = BenchStream.create(kinesis, options.name(), "lat", SHARDS)) {
            BenchLog.info("phase latency: stream " + stream.name());
            LatencyPhase.Outcome lat = LatencyPhase.run(
                    kinesis, stream, options.latencyRate(), Duration.ofSeconds(options.latencySeconds()));
            lost |= lat.lost() > 0;
            failed |= !lat.ok();
            String status = lat.lost() > 0 ? "LOST" : lat.ok() ? "OK" : "NOTHING_SENT";
            report(Result.of(options.name(), "latency")
                    .add("target_rate", lat.targetRate())
                    .add("achieved_rate", lat.achievedRate())
                    .add("sent", lat.sent())
                    .add("send_errors", lat.sendErrors())
                    .add("received", lat.received())
                    .add("lost", lat.lost())
                    .add("duplicates", lat.duplicates())
                    .add("get_calls", lat.getCalls())
                    .add("get_errors", lat.getErrors())
                    .add("p50_ms", lat.percentileMillis(50))
                    .add("p99_ms", lat.percentileMillis(99))
                    .add("max_ms", lat.maxMillis())
                    .add("status", status));
            summary.add(String.format(
                    Locale.ROOT,
                    "Latency     p50 %.2f ms  p99 %.2f ms  max %.2f ms   (received %,d of %,d sent at %.0f/s,"
                            + " target %d/s, %,d GetRecords calls) %s",
                    lat.percentileMillis(50),
                    lat.percentileMillis(99),
                    lat.maxMillis(),
                    lat.received(),
                    lat.sent(),
                    lat.achievedRate(),
                    lat.targetRate(),
                    lat.getCalls(),
                    status));
        } catch (RuntimeException | InterruptedException e) {
            phaseFailed("latency", e);
        }
    }

    private void report(Result result) {
        System.out.println(result.line());
    }

    /** A phase that blows up is reported and the next one still runs: one unsupported call should not hide the rest. */
    private void phaseFailed(String phase, Exception e) {
        failed = true;
        e.printStackTrace();
        report(Result.of(options.name(), phase).add("status", "ERROR").add("error", String.valueOf(e.getMessage())));
        summary.add(String.format(Locale.ROOT, "%-10s  ERROR: %s", phase, e));
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every loop has its own deadline; this is the backstop that guarantees the run ends by itself. */
    private static void startWatchdog(BenchOptions options) {
        Duration budget =
                Duration.ofSeconds(options.seconds() + options.latencySeconds()).plus(OVERHEAD_BUDGET);
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(budget.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.println("TIMEOUT: benchmark still running after " + budget.toSeconds() + " s, aborting");
                    Runtime.getRuntime().halt(EXIT_TIMEOUT);
                },
                "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
