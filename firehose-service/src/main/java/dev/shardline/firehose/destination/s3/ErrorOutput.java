package dev.shardline.firehose.destination.s3;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch's error output in a bucket: its failed records as AWS's JSON lines, one object per error output type, under
 * the ErrorOutputPrefix (or AWS's default {@code <Prefix><error-output-type>/yyyy/MM/dd/HH/}), named from the batch's
 * position so that a batch written again overwrites its own objects.
 */
public final class ErrorOutput {

    private final String bucket;
    private final String prefix;
    private final String errorOutputPrefix;
    private final Processing processing;
    private final ObjectNames names;
    private final Instant now;

    // Values of one error output (its prefixes, processing, names and time), not collaborators.
    ErrorOutput(
            String bucket,
            String prefix,
            String errorOutputPrefix,
            Processing processing,
            ObjectNames names,
            Instant now) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.errorOutputPrefix = errorOutputPrefix;
        this.processing = processing;
        this.names = names;
        this.now = now;
    }

    /**
     * The error output of the batch at ({@code partition}, {@code firstOffset}) in a plain S3 location (the
     * intermediate bucket of a warehouse destination), timestamps in UTC.
     *
     * @param processing the destination's processors: a Lambda processor's ARN goes into its processing-failed lines
     * @param now when this delivery attempt ends
     */
    public static ErrorOutput of(
            DeliveryStreamView stream,
            S3Target target,
            Processing processing,
            int partition,
            long firstOffset,
            Instant now) {
        return new ErrorOutput(
                target.bucket(),
                target.prefix(),
                target.errorOutputPrefix(),
                processing,
                new ObjectNames(stream, ZoneOffset.UTC, partition, firstOffset),
                now);
    }

    /** Puts the failed records' objects; returns their keys (none for no records). */
    public List<String> write(FirehoseS3 s3, List<ProcessedBatch.Failed> failed) {
        List<S3Objects.S3Put> objects = objects(failed);
        objects.forEach(o -> o.putTo(s3));
        return objects.stream().map(S3Objects.S3Put::key).toList();
    }

    /** The failed records in AWS's JSON lines, one object per error output type. */
    List<S3Objects.S3Put> objects(List<ProcessedBatch.Failed> failed) {
        Map<String, List<ProcessedBatch.Failed>> byType = new TreeMap<>();
        failed.forEach(f -> byType.computeIfAbsent(f.errorOutputType(), t -> new ArrayList<>())
                .add(f));
        List<S3Objects.S3Put> objects = new ArrayList<>();
        for (Map.Entry<String, List<ProcessedBatch.Failed>> type : byType.entrySet()) {
            List<ProcessedBatch.Failed> records = type.getValue();
            String key = names.key(
                    errorPrefix(),
                    "",
                    ObjectNames.error(type.getKey()),
                    S3Objects.oldest(
                            records.stream().map(ProcessedBatch.Failed::source).toList()),
                    type.getKey(),
                    Map.of());
            String lambdaArn = S3Objects.PROCESSING_FAILED.equals(type.getKey()) ? lambdaArn() : null;
            objects.add(
                    new S3Objects.S3Put(bucket, key, ErrorRecords.jsonLines(records, lambdaArn, now), records.size()));
        }
        return objects;
    }

    /**
     * The ErrorOutputPrefix, or AWS's default when it is empty: {@code <error-output-type>/yyyy/MM/dd/HH/} after a
     * Prefix without expressions.
     */
    private PrefixTemplate errorPrefix() {
        if (errorOutputPrefix.isEmpty()) {
            PrefixTemplate data = PrefixTemplate.parse("Prefix", prefix);
            return PrefixTemplate.defaultErrorOutput(data.hasExpressions() ? "" : data.text());
        }
        return PrefixTemplate.parse("ErrorOutputPrefix", errorOutputPrefix).withDefaultHour();
    }

    private String lambdaArn() {
        return processing.processors().stream()
                .filter(p -> "Lambda".equals(p.type()))
                .map(p -> p.parameter("LambdaArn"))
                .findFirst()
                .orElse(null);
    }
}
