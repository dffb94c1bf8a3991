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
        // Producers, pollers and writers each hold a connection; the rest covers stream administration.
        int maxConnections = Math.max(options.producers() + 2 * SHARDS, options.capacityWriters() + 1) + 8;
        int exit;
        try (KinesisClient kinesis = KinesisClients.create(options.endpoint(), options.cbor(), maxConnections)) {
            exit = new KinesisBench(options, kinesis).run();
        }
        System.exit(exit);
    }

    private int run() {
        BenchLog.info(String.format(
                Locale.ROOT,
                "benchmarking %s at %s (%s), phases %s",
                options.name(),
                options.endpoint(),
                options.cbor() ? "CBOR" : "JSON",
                String.join(",", options.phases().stream().sorted().toList())));
        if (options.runs(BenchOptions.THROUGHPUT)) {
            BenchLog.info(String.format(
                    Locale.ROOT, "throughput: %d producers x %d s", options.producers(), options.seconds()));
            throughputPhases();
        }
        if (options.runs(BenchOptions.LATENCY)) {
            BenchLog.info(String.format(
                    Locale.ROOT, "latency: %d rec/s x %d s", options.latencyRate(), options.latencySeconds()));
            latencyPhase();
        }
        if (options.runs(BenchOptions.THROTTLE)) {
            throttlePhase();
        }
        if (options.runs(BenchOptions.ONDEMAND)) {
            onDemandPhase();
        }
        if (options.runs(BenchOptions.FIREHOSE_THROUGHPUT) || options.runs(BenchOptions.FIREHOSE_FRESHNESS)) {
            FirehoseBench firehose = new FirehoseBench(options, this::report, summary::add);
            failed |= !firehose.run();
            lost |= firehose.lost();
        }
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
            if (options.latencyWarmupSeconds() > 0) {
                // Both servers are measured warm, as a running service is: a fresh JVM compiles the PutRecord and
                // GetRecords paths while it serves them (its first 15 s ran at 2 to 3 times its later latency).
                BenchLog.info(String.format(
                        Locale.ROOT,
                        "latency warm-up: %d s at the same rate, not counted",
                        options.latencyWarmupSeconds()));
                LatencyPhase.Outcome warm = LatencyPhase.run(
                        kinesis, stream, options.latencyRate(), Duration.ofSeconds(options.latencyWarmupSeconds()));
                BenchLog.info(String.format(
                        Locale.ROOT,
                        "latency warm-up: p50 %.2f ms, p99 %.2f ms, %,d of %,d received",
                        warm.percentileMillis(50),
                        warm.percentileMillis(99),
                        warm.received(),
                        warm.sent()));
            }
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

    private void throttlePhase() {
        try (BenchStream stream = BenchStream.create(kinesis, options.name(), "thr", ThrottlePhase.SHARDS)) {
            BenchLog.info(String.format(
                    Locale.ROOT,
                    "phase throttle: PROVISIONED stream %s, %d shards, %d rec/s offered x %d s by %d writers",
                    stream.name(),
                    ThrottlePhase.SHARDS,
                    options.capacityRate(),
                    options.capacitySeconds(),
                    options.capacityWriters()));
            ThrottlePhase.Outcome thr = ThrottlePhase.run(
                    kinesis,
                    stream,
                    options.capacityRate(),
                    options.capacityWriters(),
                    Duration.ofSeconds(options.capacitySeconds()));
            PacedWriters.StepStats m = thr.measured();
            PacedWriters.Outcome all = thr.all();
            String status = thr.status();
            failed |= !status.equals("OK");
            report(Result.of(options.name(), "throttle")
                    .add("shards", ThrottlePhase.SHARDS)
                    .add("writers", thr.writers())
                    .add("warmup_seconds", ThrottlePhase.WARMUP.toSeconds())
                    .add("seconds", thr.seconds())
                    .add("offered_target", thr.targetRate())
                    .add("offered_per_s", thr.offeredPerSecond())
                    .add("acked_per_s", thr.ackedPerSecond())
                    .add("limit_per_s", thr.limitPerSecond())
                    .add("records_sent", m.sent())
                    .add("records_acked", m.acked())
                    .add("records_throttled", m.throttled())
                    .add("throttled_pct", thr.throttledPercent())
                    .add("throttled_calls", m.throttledCalls())
                    .add("other_errors", m.otherFailed())
                    .add("call_errors", m.callErrors())
                    .add("max_lag_ms", m.maxLagNanos() / 1e6)
                    .add("warmup_other_errors", all.otherFailed() - m.otherFailed())
                    .add("records_unsent", all.unsent())
                    .add("status", status));
            summary.add(String.format(
                    Locale.ROOT,
                    "Throttle    %,10.0f acked/s of %,.0f offered/s (target %,d, limit %,d = %d shards x %,d)  throttled"
                            + " %.1f%% (%,d of %,d records, %d whole calls), %,d other errors, writer lag max %.0f ms,"
                            + " after %d s warm-up; %,d records never sent %s",
                    thr.ackedPerSecond(),
                    thr.offeredPerSecond(),
                    thr.targetRate(),
                    thr.limitPerSecond(),
                    ThrottlePhase.SHARDS,
                    ThrottlePhase.RECORDS_PER_SHARD_SECOND,
                    thr.throttledPercent(),
                    m.throttled(),
                    m.sent(),
                    m.throttledCalls(),
                    m.otherFailed(),
                    m.maxLagNanos() / 1e6,
                    ThrottlePhase.WARMUP.toSeconds(),
                    all.unsent(),
                    status));
            if (!all.errorCodes().isEmpty()) {
                summary.add("            refused records by error code, warm-up included: " + all.errorCodes());
            }
        } catch (RuntimeException | InterruptedException e) {
            phaseFailed("throttle", e);
        }
    }

    private void onDemandPhase() {
        try (BenchStream stream = BenchStream.createOnDemand(kinesis, options.name(), "ond")) {
            BenchLog.info(String.format(
                    Locale.ROOT,
                    "phase ondemand: ON_DEMAND stream %s (%d shards), rates %s rec/s x %d s each, %d writers",
                    stream.name(),
                    stream.shardIds().size(),
                    options.rampRates(),
                    options.rampStepSeconds(),
                    options.capacityWriters()));
            OnDemandRampPhase.Outcome ramp = OnDemandRampPhase.run(
                    kinesis,
                    stream,
                    options.rampRates(),
                    Duration.ofSeconds(options.rampStepSeconds()),
                    options.capacityWriters());
            PacedWriters.Outcome w = ramp.writes();
            String status = ramp.status();
            failed |= !status.equals("OK");
            List<PacedWriters.StepStats> steps = w.steps();
            for (int i = 0; i < steps.size(); i++) {
                PacedWriters.StepStats step = steps.get(i);
                report(Result.of(options.name(), "ondemand-step")
                        .add("step", i + 1)
                        .add("seconds", step.seconds())
                        .add("offered_per_s", step.step().rate())
                        .add("sent_per_s", step.sentPerSecond())
                        .add("achieved_per_s", step.ackedPerSecond())
                        .add("records_throttled", step.throttled())
                        .add("throttled_calls", step.throttledCalls())
                        .add("aws_absorbs", ramp.awsAbsorbs(i) ? "yes" : "no")
                        .add("other_errors", step.otherFailed())
                        .add("max_lag_ms", step.maxLagNanos() / 1e6)
                        .add("open_shards", ramp.openAtStepEnd().get(i)));
            }
            for (ShardMonitor.Change change : ramp.changes()) {
                report(Result.of(options.name(), "ondemand-reshard")
                        .add("t_s", change.atSeconds())
                        .add("from", change.fromOpen())
                        .add("to", change.toOpen())
                        .add("offered_per_s", change.offeredRate())
                        .add("stream_status", change.status())
                        .add("listed_open", change.listedOpen())
                        .add("new_listed_t_s", change.listedAtNanos() < 0 ? "-" : fixed(change.listedAtSeconds()))
                        .add("new_shards", change.newShards().isEmpty() ? "-" : describe(change.newShards(), ",")));
            }
            report(Result.of(options.name(), "ondemand")
                    .add("steps", steps.size())
                    .add("step_seconds", options.rampStepSeconds())
                    .add("writers", ramp.writers())
                    .add("peak_offered_per_s", ramp.peakRate())
                    .add("records_sent", w.sent())
                    .add("records_acked", w.acked())
                    .add("records_throttled", w.throttled())
                    .add("throttled_where_aws_absorbs", ramp.throttledWhereAwsAbsorbs())
                    .add("throttled_calls", w.throttledCalls())
                    .add("other_errors", w.otherFailed())
                    .add("call_errors", w.callErrors())
                    .add("records_unsent", w.unsent())
                    .add("initial_shards", ramp.initialOpen())
                    .add("final_shards", ramp.finalOpen())
                    .add("final_listed_open", ramp.finalListedOpen())
                    .add("count_disagreements", ramp.disagreements())
                    .add("shard_changes", ramp.changes().size())
                    .add("monitor_polls", ramp.monitorPolls())
                    .add("monitor_errors", ramp.monitorErrors())
                    .add("status", status));
            summary.add(String.format(
                    Locale.ROOT,
                    "OnDemand    ramp to %,d rec/s in %d steps of %d s by %d writers: %d -> %d open shards, %,d of"
                            + " %,d records acked, %,d throttled (%d whole calls; %,d in steps AWS absorbs), %,d other"
                            + " errors, %,d unsent %s",
                    ramp.peakRate(),
                    steps.size(),
                    options.rampStepSeconds(),
                    ramp.writers(),
                    ramp.initialOpen(),
                    ramp.finalOpen(),
                    w.acked(),
                    w.sent(),
                    w.throttled(),
                    w.throttledCalls(),
                    ramp.throttledWhereAwsAbsorbs(),
                    w.otherFailed(),
                    w.unsent(),
                    status));
            for (int i = 0; i < steps.size(); i++) {
                PacedWriters.StepStats step = steps.get(i);
                summary.add(String.format(
                        Locale.ROOT,
                        "  step %2d  offered %,7d/s  sent %,9.0f/s  achieved %,9.0f/s  throttled %,d  other errors %,d"
                                + "  writer lag max %,.0f ms  open shards %d",
                        i + 1,
                        step.step().rate(),
                        step.sentPerSecond(),
                        step.ackedPerSecond(),
                        step.throttled(),
                        step.otherFailed(),
                        step.maxLagNanos() / 1e6,
                        ramp.openAtStepEnd().get(i)));
            }
            for (ShardMonitor.Change change : ramp.changes()) {
                summary.add(String.format(
                        Locale.ROOT,
                        "  t=%.1fs %d -> %d shards at %,d rec/s offered (%s, %d open in ListShards)%s",
                        change.atSeconds(),
                        change.fromOpen(),
                        change.toOpen(),
                        change.offeredRate(),
                        change.status(),
                        change.listedOpen(),
                        change.newShards().isEmpty()
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "; listed since t=%.1fs: %s",
                                        change.listedAtSeconds(),
                                        describe(change.newShards(), " "))));
            }
            if (ramp.changes().isEmpty()) {
                summary.add("  no shard count change seen");
            }
            summary.add(String.format(
                    Locale.ROOT,
                    "  monitor: %d polls, %d errors; ListShards and OpenShardCount disagreed on the open shards in %d"
                            + " polls, last ListShards showed %d open",
                    ramp.monitorPolls(),
                    ramp.monitorErrors(),
                    ramp.disagreements(),
                    ramp.finalListedOpen()));
            if (!w.errorCodes().isEmpty()) {
                summary.add("  refused records by error code: " + w.errorCodes());
            }
        } catch (RuntimeException | InterruptedException e) {
            phaseFailed("ondemand", e);
        }
    }

    private static String describe(List<ShardMonitor.NewShard> shards, String separator) {
        return String.join(
                separator, shards.stream().map(ShardMonitor.NewShard::describe).toList());
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
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
        long timed = 0;
        timed += options.runs(BenchOptions.THROUGHPUT) ? options.seconds() : 0;
        timed += options.runs(BenchOptions.LATENCY) ? options.latencySeconds() + options.latencyWarmupSeconds() : 0;
        timed += options.runs(BenchOptions.THROTTLE) ? options.capacitySeconds() + ThrottlePhase.WARMUP.toSeconds() : 0;
        timed += options.runs(BenchOptions.ONDEMAND) ? options.rampSeconds() : 0;
        timed += options.runs(BenchOptions.FIREHOSE_THROUGHPUT) ? options.firehoseSeconds() + 200 : 0;
        timed += options.runs(BenchOptions.FIREHOSE_FRESHNESS) ? options.freshnessSeconds() + 90 : 0;
        Duration budget = Duration.ofSeconds(timed).plus(OVERHEAD_BUDGET);
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
