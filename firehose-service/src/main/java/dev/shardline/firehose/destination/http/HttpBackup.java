package dev.shardline.firehose.destination.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.destination.Compression;
import dev.shardline.firehose.destination.s3.ErrorOutput;
import dev.shardline.firehose.destination.s3.FirehoseS3;
import dev.shardline.firehose.destination.s3.S3Target;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.FirehoseMetrics;
import dev.shardline.firehose.pipeline.PendingBatch;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP endpoint destination's S3 bucket: records that could not be delivered (as AWS's error records, one JSON
 * object per line, under {@code <ErrorOutputPrefix><error-output-type>/}) and, with S3BackupMode AllData, a copy of
 * every source record. Object names follow Firehose's {@code <prefix>YYYY/MM/DD/HH/<stream>-<version>-<time>-<id>},
 * with the id derived from the batch's position, so a batch written again overwrites its own objects.
 */
@Component
class HttpBackup {

    private static final Logger log = LoggerFactory.getLogger(HttpBackup.class);
    private static final DateTimeFormatter HOUR_PREFIX =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OBJECT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FirehoseS3 s3;
    private final FirehoseMetrics metrics;

    HttpBackup(FirehoseS3 s3, FirehoseMetrics metrics) {
        this.s3 = s3;
        this.metrics = metrics;
    }

    /**
     * S3BackupMode AllData: the batch's source records as they came, concatenated like an S3 destination's; counted
     * as BackupToS3.
     */
    /**
     * Records that processing failed go to the S3 bucket's error output as an S3 destination writes it (AWS's JSON
     * lines with the Lambda ARN, the ErrorOutputPrefix's expressions evaluated, keys from the batch position).
     */
    void processingFailed(
            DeliveryStreamView stream,
            HttpEndpointDestination destination,
            PendingBatch batch,
            List<ProcessedBatch.Failed> failed,
            Instant now) {
        if (!failed.isEmpty()) {
            ErrorOutput.of(
                            stream,
                            destination.s3(),
                            destination.processing(),
                            batch.partition(),
                            batch.firstOffset(),
                            now)
                    .write(s3, failed);
        }
    }

    void allData(DeliveryStreamView stream, S3Target target, PendingBatch batch) {
        metrics.backingUp(stream, ProcessedBatch.readable(batch.records()), () -> writeAllData(stream, target, batch));
    }

    /**
     * The records of the requests that failed for good, as {@code http-endpoint-failed} lines: the backup in AWS's
     * sense (S3BackupMode FailedDataOnly), counted as BackupToS3 by their source records.
     */
    void undelivered(
            DeliveryStreamView stream,
            S3Target target,
            PendingBatch batch,
            List<ErrorRecord> records,
            List<BufferedRecord> sources) {
        metrics.backingUp(
                stream, sources, () -> failed(stream, target, batch, HttpEndpointWriter.HTTP_ENDPOINT_FAILED, records));
    }

    private void writeAllData(DeliveryStreamView stream, S3Target target, PendingBatch batch) {
        String key = key(target.prefix(), stream, target, batch, "all-data");
        try (Body body = new Body(target.compression(), batch.sizeBytes())) {
            for (BufferedRecord record : ProcessedBatch.readable(batch.records())) {
                body.write(record.data()); // an unreadable record is in the error output only
            }
            s3.put(target.bucket(), key, body.bytes());
        }
        log.debug("Backed up {} records to s3://{}/{}", batch.records().size(), target.bucket(), key);
    }

    /** Records of one error output type, e.g. {@code http-endpoint-failed}, as AWS's JSON lines. */
    void failed(
            DeliveryStreamView stream,
            S3Target target,
            PendingBatch batch,
            String errorOutputType,
            List<ErrorRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        String key = key(target.errorOutputPrefix() + errorOutputType + "/", stream, target, batch, errorOutputType);
        try (Body body = new Body(target.compression(), batch.sizeBytes() * 2)) {
            for (ErrorRecord record : records) {
                body.write(JSON.writeValueAsBytes(record));
                body.write(new byte[] {'\n'});
            }
            s3.put(target.bucket(), key, body.bytes());
        }
        log.warn(
                "{} records of {} went to s3://{}/{} ({})",
                records.size(),
                stream.ref().name(),
                target.bucket(),
                key,
                records.get(0).errorCode());
    }

    private static String key(
            String prefix, DeliveryStreamView stream, S3Target target, PendingBatch batch, String kind) {
        Instant time = batch.firstArrival();
        UUID id = PositionIds.of(kind, stream, batch.partition(), batch.firstOffset());
        return prefix
                + HOUR_PREFIX.format(time)
                + stream.ref().name()
                + "-" + stream.versionId()
                + "-" + OBJECT_TIME.format(time)
                + "-" + id
                + target.compression().extension();
    }

    /**
     * One line of an error output object, with AWS's members.
     *
     * @param rawData the record's bytes, base64: what was to be delivered
     */
    @JsonPropertyOrder({
        "attemptsMade",
        "arrivalTimestamp",
        "errorCode",
        "errorMessage",
        "attemptEndingTimestamp",
        "rawData"
    })
    record ErrorRecord(
            int attemptsMade,
            long arrivalTimestamp,
            String errorCode,
            String errorMessage,
            long attemptEndingTimestamp,
            String rawData) {}

    /** An object's bytes, compressed as the bucket's configuration says. */
    private static final class Body implements AutoCloseable {

        private final ByteArrayOutputStream bytes;
        private final OutputStream out;

        Body(Compression compression, long sizeHint) {
            bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, Math.max(64, sizeHint)));
            try {
                out = compression == Compression.GZIP ? new GZIPOutputStream(bytes) : bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void write(byte[] data) {
            try {
                out.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] bytes() {
            close();
            return bytes.toByteArray();
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
