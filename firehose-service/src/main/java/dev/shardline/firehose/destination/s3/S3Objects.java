package dev.shardline.firehose.destination.s3;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.destination.Compression;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The objects one batch becomes in S3, named and with their bodies, before anything is written. */
final class S3Objects {

    static final String PROCESSING_FAILED = "processing-failed";
    /** What a record without the partition keys its prefix names is failed with. */
    static final String MISSING_PARTITION_KEY = "DynamicPartitioning.MetadataExtractionFailed";

    private static final Logger log = LoggerFactory.getLogger(S3Objects.class);

    private final S3Destination destination;
    private final ObjectNames names;
    private final Instant now;

    private S3Objects(S3Destination destination, ObjectNames names, Instant now) {
        this.destination = destination;
        this.names = names;
        this.now = now;
    }

    static S3Objects of(
            DeliveryStreamView stream, S3Destination destination, int partition, long firstOffset, Instant now) {
        ZoneId zone = destination.customTimeZone() == null ? ZoneOffset.UTC : ZoneId.of(destination.customTimeZone());
        return new S3Objects(destination, new ObjectNames(stream, zone, partition, firstOffset), now);
    }

    /** One object to put. */
    record S3Put(String bucket, String key, byte[] body, int records) {

        void putTo(FirehoseS3 s3) {
            // Like AWS, no Content-Encoding: readers get the compressed bytes as written.
            s3.put(bucket, key, body);
            log.debug("Wrote {} records to s3://{}/{}", records, bucket, key);
        }
    }

    /** The delivered records as objects, and the failed ones (those of processing, and those with no partition). */
    record Partitioned(List<S3Put> data, List<ProcessedBatch.Failed> failed) {}

    /** The batch's source records as they came, in the backup bucket with the backup's compression. */
    S3Put backup(List<BufferedRecord> source) {
        S3Target backup = destination.backup();
        String key = names.key(
                PrefixTemplate.parse("Prefix", backup.prefix()).withDefaultHour(),
                backup.compression().extension(),
                ObjectNames.BACKUP,
                oldest(source),
                null,
                Map.of());
        List<byte[]> records = source.stream().map(BufferedRecord::data).toList();
        return new S3Put(
                backup.bucket(),
                key,
                Compressor.compress(backup.compression(), entry(key), records, size(records)),
                records.size());
    }

    Partitioned partition(ProcessedBatch processed) {
        PrefixTemplate prefix = PrefixTemplate.parse("Prefix", destination.prefix());
        if (!destination.dynamicPartitioning()) {
            prefix = prefix.withDefaultHour(); // AWS appends no time to a dynamically partitioned prefix
        }
        Set<String> keyNames = prefix.partitionKeys();
        Map<Map<String, String>, List<ProcessedBatch.Output>> groups = new LinkedHashMap<>();
        List<ProcessedBatch.Failed> failed = new ArrayList<>(processed.failed());
        for (ProcessedBatch.Output output : processed.delivered()) {
            Map<String, String> keys = new TreeMap<>();
            for (String name : keyNames) {
                String value = output.partitionKeys().get(name);
                if (value == null) {
                    break;
                }
                keys.put(name, value);
            }
            if (keys.size() < keyNames.size()) {
                failed.add(new ProcessedBatch.Failed(
                        output.source(),
                        PROCESSING_FAILED,
                        MISSING_PARTITION_KEY,
                        "The record has no value for the partition keys " + keyNames + " that the Prefix names."));
            } else {
                groups.computeIfAbsent(keys, k -> new ArrayList<>()).add(output);
            }
        }
        List<S3Put> data = new ArrayList<>();
        for (Map.Entry<Map<String, String>, List<ProcessedBatch.Output>> group : groups.entrySet()) {
            data.add(dataObject(prefix, group.getKey(), group.getValue()));
        }
        return new Partitioned(data, failed);
    }

    private S3Put dataObject(
            PrefixTemplate prefix, Map<String, String> partitionKeys, List<ProcessedBatch.Output> outputs) {
        Compression compression = destination.compression();
        String extension = destination.fileExtension() == null ? compression.extension() : destination.fileExtension();
        Instant oldest =
                oldest(outputs.stream().map(ProcessedBatch.Output::source).toList());
        String key = names.key(prefix, extension, ObjectNames.DATA, oldest, null, partitionKeys);
        List<byte[]> records = outputs.stream().map(ProcessedBatch.Output::data).toList();
        return new S3Put(
                destination.bucket(),
                key,
                Compressor.compress(compression, entry(key), records, size(records)),
                records.size());
    }

    /** The failed records in AWS's JSON lines, one object per error output type. */
    List<S3Put> errors(List<ProcessedBatch.Failed> failed) {
        return new ErrorOutput(
                        destination.bucket(),
                        destination.prefix(),
                        destination.errorOutputPrefix(),
                        destination.processing(),
                        names,
                        now)
                .objects(failed);
    }

    static Instant oldest(List<BufferedRecord> records) {
        return records.stream()
                .map(BufferedRecord::arrival)
                .min(Comparator.naturalOrder())
                .orElseThrow();
    }

    /** A ZIP archive's one entry: the object's own name without the archive's extension. */
    private static String entry(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
    }

    private static long size(List<byte[]> records) {
        return records.stream().mapToLong(r -> r.length).sum();
    }
}
