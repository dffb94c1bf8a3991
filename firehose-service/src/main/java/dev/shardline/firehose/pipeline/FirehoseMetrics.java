package dev.shardline.firehose.pipeline;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Firehose metrics under the names CloudWatch gives them in the {@code AWS/Firehose} namespace, prefixed with
 * {@code firehose.} (Kinesis Data Streams has its own {@code IncomingRecords}) and tagged with {@code deliveryStream}
 * (CloudWatch's DeliveryStreamName dimension). A {@code .Success} metric is a summary of 1 (success) and 0 (failure)
 * per attempt: its mean is AWS's "successful attempts over all attempts", its sum the successes, its count the attempts.
 * {@code .DataFreshness} is the age in milliseconds of a delivered batch's oldest record at delivery.
 */
@Component
public class FirehoseMetrics {

    static final String PREFIX = "firehose.";
    static final String TAG = "deliveryStream";
    static final String UNREADABLE = "SourceRecords.Unreadable";

    private final MeterRegistry registry;

    FirehoseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records accepted into a delivery stream's buffer by one PutRecord or PutRecordBatch call (or REST put). */
    public void incoming(String stream, long records, long bytes) {
        counter("IncomingPutRequests", stream).increment();
        counter("IncomingRecords", stream).increment(records);
        counter("IncomingBytes", stream).increment(bytes);
    }

    /** One PutRecord call that was answered (whatever its outcome): PutRecord.Requests, .Bytes, .Latency. */
    public void putRecord(String stream, long bytes, Duration latency) {
        counter("PutRecord.Requests", stream).increment();
        counter("PutRecord.Bytes", stream).increment(bytes);
        timer("PutRecord.Latency", stream).record(latency);
    }

    /** One PutRecordBatch call that was answered: PutRecordBatch.Requests, .Records, .Bytes, .Latency. */
    public void putRecordBatch(String stream, long records, long bytes, Duration latency) {
        counter("PutRecordBatch.Requests", stream).increment();
        counter("PutRecordBatch.Records", stream).increment(records);
        counter("PutRecordBatch.Bytes", stream).increment(bytes);
        timer("PutRecordBatch.Latency", stream).record(latency);
    }

    /** A run of the stream's ProcessingConfiguration: ExecuteProcessing.Duration/.Success, SucceedProcessing.*. */
    void processing(String stream, Duration duration, boolean success, long records, long bytes) {
        timer("ExecuteProcessing.Duration", stream).record(duration);
        ratio("ExecuteProcessing.Success", stream).record(success ? 1 : 0);
        if (success) {
            counter("SucceedProcessing.Records", stream).increment(records);
            counter("SucceedProcessing.Bytes", stream).increment(bytes);
        }
    }

    /**
     * Records of the source that the delivery worker could not read and that went to the error output instead
     * ({@code Source.RecordUnreadable}): Shardline's own, CloudWatch has no such metric. Counted when the error output
     * was written, so a batch retried after a failed write counts once.
     */
    void unreadable(String stream, long records) {
        if (records > 0) {
            counter(UNREADABLE, stream).increment(records);
        }
    }

    /** A delivery attempt to the destination ({@code DeliveryTo<destination>.*}), e.g. destination "S3". */
    void delivery(String stream, String destination, Outcome outcome) {
        attempt("DeliveryTo" + destination, stream, outcome);
    }

    /**
     * A write of source records to the S3 backup (S3BackupMode Enabled, AllData or FailedDataOnly): what the HTTP
     * endpoint, warehouse and S3 writers call after each backup put, succeeded or not.
     *
     * @param oldestArrival arrival time of the oldest record written, for {@code BackupToS3.DataFreshness}
     */
    /** Runs {@code write}, the backup of {@code records} to S3, and records its BackupToS3 metrics either way. */
    public void backingUp(DeliveryStreamView stream, List<BufferedRecord> records, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            backupToS3(stream, false, 0, 0, null);
            throw e;
        }
        long bytes = records.stream().mapToLong(r -> r.data().length).sum();
        Instant oldest = records.stream()
                .map(BufferedRecord::arrival)
                .min(Instant::compareTo)
                .orElse(null);
        backupToS3(stream, true, records.size(), bytes, oldest);
    }

    public void backupToS3(
            DeliveryStreamView stream, boolean success, long records, long bytes, Instant oldestArrival) {
        attempt(
                "BackupToS3",
                stream.ref().name(),
                success ? Outcome.success(records, bytes, oldestArrival) : Outcome.failure());
    }

    /**
     * An attempt counts in {@code .Success}; what it got to the destination counts in {@code .Records} and
     * {@code .Bytes}, also when it gave up some records (a failure that delivered part of its batch).
     */
    private void attempt(String metric, String stream, Outcome outcome) {
        ratio(metric + ".Success", stream).record(outcome.success() ? 1 : 0);
        if (!outcome.success() && outcome.records() == 0) {
            return;
        }
        counter(metric + ".Records", stream).increment(outcome.records());
        counter(metric + ".Bytes", stream).increment(outcome.bytes());
        if (outcome.oldestArrival() != null && outcome.records() > 0) {
            long age = Math.max(
                    0, Instant.now().toEpochMilli() - outcome.oldestArrival().toEpochMilli());
            DistributionSummary.builder(PREFIX + metric + ".DataFreshness")
                    .tag(TAG, stream)
                    .baseUnit("milliseconds")
                    .register(registry)
                    .record(age);
        }
    }

    /** What one delivery or backup attempt did. */
    record Outcome(boolean success, long records, long bytes, Instant oldestArrival) {

        static Outcome success(long records, long bytes, Instant oldestArrival) {
            return new Outcome(true, records, bytes, oldestArrival);
        }

        static Outcome failure() {
            return new Outcome(false, 0, 0, null);
        }
    }

    private Counter counter(String name, String stream) {
        return registry.counter(PREFIX + name, TAG, stream);
    }

    private Timer timer(String name, String stream) {
        return registry.timer(PREFIX + name, TAG, stream);
    }

    private DistributionSummary ratio(String name, String stream) {
        return registry.summary(PREFIX + name, TAG, stream);
    }
}
