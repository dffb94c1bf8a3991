package dev.shardline.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Firehose phases (Shardline only): DirectPut PutRecordBatch throughput into S3, measured until the last record is
 * in the bucket, and data freshness at a 1 MiB / 60 s buffer. The bucket is watched through the S3 endpoint the server
 * delivers to (the all-in-one's embedded one).
 */
final class FirehoseBench {

    private static final Duration WARMUP = Duration.ofSeconds(5);

    private final BenchOptions options;
    private final Consumer<Result> report;
    private final Consumer<String> summary;
    private boolean lost;

    FirehoseBench(BenchOptions options, Consumer<Result> report, Consumer<String> summary) {
        this.options = options;
        this.report = report;
        this.summary = summary;
    }

    /** Runs the requested phases; false if any failed or lost records. */
    boolean run() {
        boolean ok = true;
        try (FirehoseClient firehose = FirehoseClients.firehose(options.endpoint(), options.firehoseProducers() + 4);
                S3Client s3 = FirehoseClients.s3(options.s3Endpoint(), options.s3AccessKey(), options.s3SecretKey())) {
            if (options.runs(BenchOptions.FIREHOSE_THROUGHPUT)) {
                ok &= throughput(firehose, s3);
            }
            if (options.runs(BenchOptions.FIREHOSE_FRESHNESS)) {
                ok &= freshness(firehose, s3);
            }
        }
        return ok;
    }

    boolean lost() {
        return lost;
    }

    private boolean throughput(FirehoseClient firehose, S3Client s3) {
        String name = options.name();
        try {
            warmUp(firehose, s3);
        } catch (RuntimeException | InterruptedException e) {
            return failed("firehose-throughput", e);
        }
        try (FirehoseTarget target = FirehoseTarget.create(
                firehose,
                s3,
                name,
                "fh-tput",
                FirehoseThroughputPhase.SIZE_IN_MBS,
                FirehoseThroughputPhase.INTERVAL_IN_SECONDS)) {
            BenchLog.info(String.format(
                    Locale.ROOT,
                    "phase firehose-throughput: %s -> s3://%s, %d producers x %d s of PutRecordBatch",
                    target.stream(),
                    target.bucket(),
                    options.firehoseProducers(),
                    options.firehoseSeconds()));
            FirehoseThroughputPhase.Outcome out = FirehoseThroughputPhase.run(
                    firehose, target, options.firehoseProducers(), Duration.ofSeconds(options.firehoseSeconds()));
            String status = out.status();
            lost |= status.equals("LOST") || status.equals("DUPLICATES");
            report.accept(Result.of(name, "firehose-throughput")
                    .add("producers", out.producers())
                    .add("buffer_mib", FirehoseThroughputPhase.SIZE_IN_MBS)
                    .add("buffer_s", FirehoseThroughputPhase.INTERVAL_IN_SECONDS)
                    .add("put_seconds", out.putNanos() / 1e9)
                    .add("delivered_seconds", out.deliveredNanos() / 1e9)
                    .add("calls", out.calls())
                    .add("call_errors", out.callErrors())
                    .add("failed_entries", out.failedEntries())
                    .add("records_acked", out.ackedRecords())
                    .add("bytes_acked", out.ackedBytes())
                    .add("bytes_delivered", out.deliveredBytes())
                    .add("lost", out.lostRecords())
                    .add("duplicates", out.duplicateRecords())
                    .add("objects", out.objects())
                    .add("put_records_per_s", out.putRecordsPerSecond())
                    .add("records_per_s", out.deliveredRecordsPerSecond())
                    .add("mib_per_s", out.deliveredMibPerSecond())
                    .add("status", status));
            summary.accept(String.format(
                    Locale.ROOT,
                    "Firehose    %,10.0f records/s  %7.2f MiB/s delivered to S3   (%,d records acked in %.1f s at"
                            + " %,.0f/s, all in S3 after %.1f s in %d objects; %,d of %,d bytes; %d call errors,"
                            + " %,d failed entries resent; %,d lost, %,d duplicates) %s",
                    out.deliveredRecordsPerSecond(),
                    out.deliveredMibPerSecond(),
                    out.ackedRecords(),
                    out.putNanos() / 1e9,
                    out.putRecordsPerSecond(),
                    out.deliveredNanos() / 1e9,
                    out.objects(),
                    out.deliveredBytes(),
                    out.ackedBytes(),
                    out.callErrors(),
                    out.failedEntries(),
                    out.lostRecords(),
                    out.duplicateRecords(),
                    status));
            return status.equals("OK");
        } catch (RuntimeException | InterruptedException e) {
            return failed("firehose-throughput", e);
        }
    }

    /** The server starts cold: a short unmeasured run on a stream of its own lets its JIT catch up first. */
    private void warmUp(FirehoseClient firehose, S3Client s3) throws InterruptedException {
        try (FirehoseTarget target = FirehoseTarget.create(
                firehose,
                s3,
                options.name(),
                "fh-warm",
                FirehoseThroughputPhase.SIZE_IN_MBS,
                FirehoseThroughputPhase.INTERVAL_IN_SECONDS)) {
            BenchLog.info(
                    "phase firehose-throughput: warming up for " + WARMUP.toSeconds() + " s on " + target.stream());
            FirehoseThroughputPhase.Outcome out =
                    FirehoseThroughputPhase.run(firehose, target, options.firehoseProducers(), WARMUP);
            BenchLog.info(String.format(
                    Locale.ROOT,
                    "warm-up: %,.0f records/s delivered, %s",
                    out.deliveredRecordsPerSecond(),
                    out.status()));
        }
    }

    private boolean freshness(FirehoseClient firehose, S3Client s3) {
        String name = options.name();
        try (FirehoseTarget target = FirehoseTarget.create(
                firehose,
                s3,
                name,
                "fh-fresh",
                FirehoseFreshnessPhase.SIZE_IN_MBS,
                FirehoseFreshnessPhase.INTERVAL_IN_SECONDS)) {
            BenchLog.info(String.format(
                    Locale.ROOT,
                    "phase firehose-freshness: %s -> s3://%s, %d records/s of 1 KiB for %d s, buffer %d MiB / %d s",
                    target.stream(),
                    target.bucket(),
                    options.freshnessRate(),
                    options.freshnessSeconds(),
                    FirehoseFreshnessPhase.SIZE_IN_MBS,
                    FirehoseFreshnessPhase.INTERVAL_IN_SECONDS));
            FirehoseFreshnessPhase.Outcome out = FirehoseFreshnessPhase.run(
                    firehose, target, options.freshnessRate(), Duration.ofSeconds(options.freshnessSeconds()));
            String status = out.status();
            lost |= status.equals("LOST") || status.equals("DUPLICATES");
            report.accept(Result.of(name, "firehose-freshness")
                    .add("rate", out.rate())
                    .add("seconds", options.freshnessSeconds())
                    .add("buffer_mib", FirehoseFreshnessPhase.SIZE_IN_MBS)
                    .add("buffer_s", FirehoseFreshnessPhase.INTERVAL_IN_SECONDS)
                    .add("acked", out.acked())
                    .add("send_errors", out.sendErrors())
                    .add("received", out.received())
                    .add("lost", out.lost())
                    .add("duplicates", out.duplicates())
                    .add("objects", out.objects())
                    .add("p50_ms", out.percentileMillis(50))
                    .add("p99_ms", out.percentileMillis(99))
                    .add("max_ms", out.maxMillis())
                    .add("status", status));
            summary.accept(String.format(
                    Locale.ROOT,
                    "Freshness   p50 %.0f ms  p99 %.0f ms  max %.0f ms   (put to object listed in S3; %,d received of"
                            + " %,d acked, %,d lost, %,d duplicates, %,d put errors; %d/s offered, buffer %d MiB /"
                            + " %d s, %d objects) %s",
                    out.percentileMillis(50),
                    out.percentileMillis(99),
                    out.maxMillis(),
                    out.received(),
                    out.acked(),
                    out.lost(),
                    out.duplicates(),
                    out.sendErrors(),
                    out.rate(),
                    FirehoseFreshnessPhase.SIZE_IN_MBS,
                    FirehoseFreshnessPhase.INTERVAL_IN_SECONDS,
                    out.objects(),
                    status));
            return status.equals("OK");
        } catch (RuntimeException | InterruptedException e) {
            return failed("firehose-freshness", e);
        }
    }

    private boolean failed(String phase, Exception e) {
        e.printStackTrace();
        report.accept(
                Result.of(options.name(), phase).add("status", "ERROR").add("error", String.valueOf(e.getMessage())));
        summary.accept(String.format(Locale.ROOT, "%-10s  ERROR: %s", phase, e));
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
