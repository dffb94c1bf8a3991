package dev.shardline.firehose.destination.warehouse;

import dev.shardline.firehose.delivery.DeliveryStreamEvents;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.destination.Compression;
import dev.shardline.firehose.destination.s3.ErrorOutput;
import dev.shardline.firehose.destination.s3.FirehoseS3;
import dev.shardline.firehose.destination.s3.ObjectNames;
import dev.shardline.firehose.destination.s3.S3Target;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.Delivered;
import dev.shardline.firehose.pipeline.DestinationException;
import dev.shardline.firehose.pipeline.DestinationWriter;
import dev.shardline.firehose.pipeline.FirehoseMetrics;
import dev.shardline.firehose.pipeline.PendingBatch;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The warehouse destination, as Firehose delivers to Redshift: each batch is staged as one object in the intermediate
 * bucket (named from its first record's position, so a redelivery overwrites it), then loaded into the table with COPY.
 * A redelivered batch stages and loads only the records past what its partition has loaded. A load that keeps failing
 * is retried for RetryOptions.DurationInSeconds from its first attempt; then its object is listed in a manifest under
 * the intermediate bucket's {@code errors/manifests/} for a manual backfill, and the batch counts as delivered.
 * Records that processing failed go to the intermediate bucket's error output ({@link ErrorOutput}), as in AWS.
 */
@Component
class WarehouseWriter implements DestinationWriter<WarehouseDestination> {

    private static final Logger log = LoggerFactory.getLogger(WarehouseWriter.class);
    static final String ERROR_MANIFESTS = "errors/manifests/";

    private final FirehoseS3 s3;
    private final FirehoseMetrics metrics;
    private final WarehouseConnections connections;
    private final Clock clock;
    /** When each failing load was first tried, by stream id and object URL. */
    private final Map<String, Instant> firstAttempts = new ConcurrentHashMap<>();

    WarehouseWriter(FirehoseS3 s3, WarehouseConnections connections, Clock clock, FirehoseMetrics metrics) {
        this.s3 = s3;
        this.metrics = metrics;
        this.connections = connections;
        this.clock = clock;
    }

    @Override
    public Class<WarehouseDestination> destinationType() {
        return WarehouseDestination.class;
    }

    @Override
    public String metricName() {
        return "Redshift";
    }

    @Override
    public Delivered write(
            DeliveryStreamView stream, WarehouseDestination destination, PendingBatch batch, ProcessedBatch processed) {
        if (destination.backupEnabled()) {
            // A record the source reader could not read goes to the error output only, never to the backup.
            List<BufferedRecord> readable = ProcessedBatch.readable(batch.records());
            metrics.backingUp(
                    stream,
                    readable,
                    () -> stage(
                            stream,
                            destination.backup(),
                            batch.partition(),
                            batch.records().get(0),
                            readable.stream().map(BufferedRecord::data).toList()));
        }
        // Before the load: a batch whose rows were loaded already still rewrites its error output, at the same keys.
        List<String> errors = ErrorOutput.of(
                        stream,
                        destination.intermediate(),
                        destination.processing(),
                        batch.partition(),
                        batch.firstOffset(),
                        clock.instant())
                .write(s3, processed.failed());
        if (!errors.isEmpty()) {
            log.debug(
                    "{} records of {} failed processing; written to s3://{}/{}",
                    processed.failed().size(),
                    stream.ref().name(),
                    destination.intermediate().bucket(),
                    errors);
        }
        Connection connection = null;
        Exception failure = null;
        long loadedThrough = -1;
        try {
            connection = connections.connect(stream.id(), destination);
            loadedThrough = TableLoad.loadedThrough(connection, stream.id().toString(), batch.partition());
        } catch (SQLException e) {
            failure = e; // the whole batch is staged, so that a manifest can name it
        }
        try {
            long after = loadedThrough;
            Optional<BufferedRecord> first =
                    batch.records().stream().filter(r -> r.offset() > after).findFirst();
            List<ProcessedBatch.Output> outputs = processed.delivered().stream()
                    .filter(o -> o.source().offset() > after)
                    .toList();
            List<byte[]> rows =
                    outputs.stream().map(ProcessedBatch.Output::data).toList();
            if (first.isEmpty() || rows.isEmpty()) {
                log.debug("Partition {} was loaded through offset {} before", batch.partition(), loadedThrough);
                return Delivered.of(List.of(), true);
            }
            S3Target intermediate = destination.intermediate();
            String key = stage(stream, intermediate, batch.partition(), first.get(), rows);
            String url = "s3://" + intermediate.bucket() + "/" + key;
            String attempt = stream.id() + " " + url;
            Instant firstAttempt = firstAttempts.computeIfAbsent(attempt, a -> clock.instant());
            if (failure == null) {
                try {
                    TableLoad.Position position = new TableLoad.Position(
                            stream.id().toString(),
                            batch.partition(),
                            loadedThrough,
                            first.get().offset(),
                            batch.lastOffset());
                    long loaded = TableLoad.load(
                            connection,
                            destination.copyCommand(),
                            position,
                            url,
                            () -> s3.open(intermediate.bucket(), key));
                    firstAttempts.remove(attempt);
                    log.debug(
                            "Loaded {} rows of {} into {}",
                            loaded,
                            url,
                            destination.copyCommand().dataTableName());
                    return Delivered.of(outputs, true);
                } catch (SQLException | IOException e) {
                    failure = e;
                }
            }
            retryOrSkip(stream, destination, url, key, attempt, firstAttempt, failure);
            return Delivered.of(List.of(), false); // skipped: listed in a manifest, not loaded
        } finally {
            closeQuietly(connection);
        }
    }

    /** Fails the delivery so that it is retried, or, past the retry duration, lists the object in a manifest. */
    private void retryOrSkip(
            DeliveryStreamView stream,
            WarehouseDestination destination,
            String url,
            String key,
            String attempt,
            Instant firstAttempt,
            Exception failure) {
        String table = destination.copyCommand().dataTableName();
        Duration retryDuration = Duration.ofSeconds(destination.retryDurationSeconds());
        if (Duration.between(firstAttempt, clock.instant()).compareTo(retryDuration) < 0) {
            if (failure instanceof WarehouseConnections.RefusedConnection refused) {
                throw new DestinationException(
                        "Redshift.ConnectionFailed",
                        refused.getMessage() + " Retrying until " + firstAttempt.plus(retryDuration) + ".",
                        refused);
            }
            throw new IllegalStateException(
                    "Loading " + url + " into " + table + " failed; retrying until " + firstAttempt.plus(retryDuration),
                    failure);
        }
        String manifest = skip(destination.intermediate(), key, url);
        firstAttempts.remove(attempt);
        log.warn(
                "Loading {} into {} of {} failed for {}; skipped, listed in s3://{}/{}",
                url,
                table,
                stream.ref().name(),
                retryDuration,
                destination.intermediate().bucket(),
                manifest,
                failure);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Returning a warehouse connection failed", e);
            }
        }
    }

    /** Puts the records as one object in {@code target}, named from the first one's position; returns the key. */
    private String stage(
            DeliveryStreamView stream, S3Target target, int partition, BufferedRecord first, List<byte[]> records) {
        String key = ObjectNames.key(stream, target, partition, first.offset(), first.arrival());
        s3.put(target.bucket(), key, body(records, target.compression()));
        return key;
    }

    /** Writes the manifest of a skipped object, in the format of Redshift's COPY ... MANIFEST; returns its key. */
    private String skip(S3Target intermediate, String key, String url) {
        String name = key.substring(intermediate.prefix().length());
        String extension = intermediate.compression().extension();
        if (!extension.isEmpty() && name.endsWith(extension)) {
            name = name.substring(0, name.length() - extension.length());
        }
        String manifestKey = ERROR_MANIFESTS + name;
        s3.put(intermediate.bucket(), manifestKey, Manifests.of(List.of(url)));
        return manifestKey;
    }

    @EventListener
    void onRemoving(DeliveryStreamEvents.Removing removing) {
        firstAttempts.keySet().removeIf(a -> a.startsWith(removing.id() + " "));
    }

    private static byte[] body(List<byte[]> records, Compression compression) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compression == Compression.GZIP ? new GZIPOutputStream(bytes) : bytes) {
            for (byte[] record : records) {
                out.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
