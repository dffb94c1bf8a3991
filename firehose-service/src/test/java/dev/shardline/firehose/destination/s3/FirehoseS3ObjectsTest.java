package dev.shardline.firehose.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.destination.Compression;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What objects a processed batch becomes: partitions, error output, their names and bodies. */
class FirehoseS3ObjectsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T07:04:05.678Z");
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:transform";

    @Test
    void dynamicPartitioningCutsOneObjectPerDistinctPrefixInRecordOrder() {
        S3Destination destination =
                destination("c=!{partitionKeyFromQuery:customer}/", "err/!{firehose:error-output-type}/", true);
        ProcessedBatch processed = new ProcessedBatch(
                List.of(
                        output(0, "a1", Map.of("customer", "a")),
                        output(1, "b1", Map.of("customer", "b")),
                        output(2, "a2", Map.of("customer", "a", "other", "x")),
                        output(3, "none", Map.of("other", "x"))),
                List.of());

        S3Objects.Partitioned partitioned = objects(destination).partition(processed);

        assertThat(partitioned.data()).hasSize(2);
        assertThat(partitioned.data().get(0).key()).startsWith("c=a/clicks-1-2026-11-25-07-04-05-");
        assertThat(text(partitioned.data().get(0).body())).isEqualTo("a1a2");
        assertThat(partitioned.data().get(1).key()).startsWith("c=b/clicks-1-2026-11-25-07-04-06-");
        assertThat(text(partitioned.data().get(1).body())).isEqualTo("b1");
        // A record without the key its prefix names goes to the error output, not to a guessed prefix.
        assertThat(partitioned.failed()).singleElement().satisfies(f -> {
            assertThat(text(f.source().data())).isEqualTo("none");
            assertThat(f.errorCode()).isEqualTo(S3Objects.MISSING_PARTITION_KEY);
        });
        // The same batch again: the same keys.
        assertThat(objects(destination).partition(processed).data())
                .extracting(S3Objects.S3Put::key)
                .containsExactlyElementsOf(
                        partitioned.data().stream().map(S3Objects.S3Put::key).toList());
    }

    @Test
    void failedRecordsBecomeAwsProcessingFailedJsonLinesUnderTheErrorOutputPrefix() throws Exception {
        S3Destination destination = destination("data/", "", false);
        ProcessedBatch.Failed failed = new ProcessedBatch.Failed(
                record(0, "raw bytes"), "processing-failed", "Lambda.FunctionError", "The function failed.");

        List<S3Objects.S3Put> errors = objects(destination).errors(List.of(failed));

        assertThat(errors).singleElement().satisfies(object -> {
            // AWS's default with a Prefix of no expressions: <prefix><error-output-type>/yyyy/MM/dd/HH/
            assertThat(object.key()).startsWith("data/processing-failed/2026/11/25/07/clicks-1-2026-11-25-07-04-05-");
            assertThat(object.bucket()).isEqualTo("bucket");
            String body = text(object.body());
            assertThat(body).endsWith("\n").hasLineCount(1);
            JsonNode line = JsonMapper.builder().build().readTree(body);
            assertThat(line.propertyNames())
                    .containsExactly(
                            "attemptsMade",
                            "arrivalTimestamp",
                            "errorCode",
                            "errorMessage",
                            "attemptEndingTimestamp",
                            "rawData",
                            "lambdaArn");
            assertThat(line.get("arrivalTimestamp").asLong()).isEqualTo(T0.toEpochMilli());
            assertThat(line.get("errorCode").asString()).isEqualTo("Lambda.FunctionError");
            assertThat(line.get("errorMessage").asString()).isEqualTo("The function failed.");
            assertThat(line.get("rawData").asString()).isEqualTo("cmF3IGJ5dGVz");
            assertThat(line.get("lambdaArn").asString()).isEqualTo(LAMBDA);
        });
    }

    @Test
    void theErrorOutputPrefixNamesTheErrorOutputType() {
        S3Destination destination = destination("y=!{timestamp:yyyy}/", "failed/!{firehose:error-output-type}/", false);
        List<S3Objects.S3Put> errors = objects(destination)
                .errors(List.of(
                        new ProcessedBatch.Failed(record(0, "x"), "processing-failed", "E", "m"),
                        new ProcessedBatch.Failed(record(1, "y"), "http-endpoint-failed", "E", "m")));
        assertThat(errors)
                .extracting(S3Objects.S3Put::key)
                .anySatisfy(k -> assertThat(k).startsWith("failed/processing-failed/2026/11/25/07/clicks-1-"))
                .anySatisfy(k -> assertThat(k).startsWith("failed/http-endpoint-failed/2026/11/25/07/clicks-1-"));
    }

    private static S3Objects objects(S3Destination destination) {
        return S3Objects.of(stream(destination), destination, 0, 100, T0.plusSeconds(60));
    }

    private static S3Destination destination(String prefix, String errorOutputPrefix, boolean dynamicPartitioning) {
        return new S3Destination(
                "arn:aws:iam::000000000000:role/firehose",
                "arn:aws:s3:::bucket",
                prefix,
                errorOutputPrefix,
                BufferingHints.S3_DEFAULT,
                Compression.UNCOMPRESSED,
                null,
                null,
                new Processing(true, List.of(new Processing.Processor("Lambda", Map.of("LambdaArn", LAMBDA)))),
                dynamicPartitioning,
                "Disabled",
                null);
    }

    private static DeliveryStreamView stream(S3Destination destination) {
        return new DeliveryStreamView(
                UUID.fromString("2f1c7e52-4a3b-4c8e-9d1f-0a6b5c4d3e2f"),
                new DeliveryStreamRef("000000000000", "us-east-1", "clicks"),
                DeliveryStreamStatus.ACTIVE,
                "DirectPut",
                1,
                "topic",
                T0,
                T0,
                new Source.DirectPut(),
                destination);
    }

    private static ProcessedBatch.Output output(int i, String data, Map<String, String> keys) {
        BufferedRecord source = record(i, data);
        return new ProcessedBatch.Output(source, source.data(), keys);
    }

    private static BufferedRecord record(int i, String data) {
        return new BufferedRecord(0, 100 + i, T0.plusSeconds(i), data.getBytes(StandardCharsets.UTF_8), null);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
