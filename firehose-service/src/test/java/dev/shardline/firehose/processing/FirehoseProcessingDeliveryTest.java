package dev.shardline.firehose.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * Delivery streams with a ProcessingConfiguration, driven through the AWS SDK: the records put come out of S3 as
 * the processors made them, and the configuration is checked and described as AWS does.
 */
class FirehoseProcessingDeliveryTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private FirehoseClient firehose;
    private TestFunction function;

    @BeforeEach
    void client() {
        firehose = firehose(); // after the server's random port is injected
    }

    @AfterEach
    void stopFunction() {
        if (function != null) {
            function.close();
        }
    }

    @Test
    void aLambdaFunctionTransformsDropsAndFailsRecordsOnTheirWayToS3() {
        function = TestFunction.start(event -> {
            List<Object> records = new ArrayList<>();
            for (JsonNode record : event.path("records")) {
                String id = record.path("recordId").asString();
                String data = TestFunction.data(record);
                records.add(
                        data.startsWith("drop")
                                ? TestFunction.record(id, "Dropped", "")
                                : data.startsWith("fail")
                                        ? TestFunction.record(id, "ProcessingFailed", data)
                                        : TestFunction.record(id, "Ok", data.toUpperCase()));
            }
            return TestFunction.Reply.ok(Map.of("records", records));
        });
        String bucket = newBucket();
        String name = stream(
                bucket,
                processor(
                        "Lambda",
                        "LambdaArn",
                        function.url().toString(),
                        "NumberOfRetries",
                        "0",
                        "BufferSizeInMBs",
                        "0.2"),
                processor("AppendDelimiterToRecord", "Delimiter", "\\n"));
        Instant before = Instant.now();

        PutRecordBatchResponse put = put(name, "alpha", "drop me", "fail me", "beta");

        List<S3Object> objects =
                await().atMost(Duration.ofSeconds(30)).until(() -> delivered(bucket), o -> !o.isEmpty());
        assertThat(objects).hasSize(1);
        assertThat(new String(read(bucket, objects.get(0).key()), StandardCharsets.UTF_8))
                .isEqualTo("ALPHA\nBETA\n");
        assertThat(function.invocations()).isEqualTo(1);
        JsonNode event = function.events().get(0);
        assertThat(event.path("deliveryStreamArn").asString())
                .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + name);
        assertThat(event.path("region").asString()).isEqualTo("us-east-1");
        List<String> sentIds = new ArrayList<>();
        List<String> sentData = new ArrayList<>();
        for (JsonNode record : event.path("records")) {
            sentIds.add(record.path("recordId").asString());
            sentData.add(TestFunction.data(record));
            assertThat(Instant.ofEpochMilli(
                            record.path("approximateArrivalTimestamp").asLong()))
                    .isBetween(before.minusSeconds(1), Instant.now());
            assertThat(record.has("kinesisRecordMetadata")).isFalse();
        }
        assertThat(sentIds)
                .containsExactlyElementsOf(put.requestResponses().stream()
                        .map(PutRecordBatchResponseEntry::recordId)
                        .toList());
        assertThat(sentData).containsExactly("alpha", "drop me", "fail me", "beta");
    }

    @Test
    void gzippedJsonIsDecompressedDeAggregatedAndDelimitedBeforeS3() {
        String bucket = newBucket();
        // Listed in reverse: Firehose still decompresses first and appends the delimiter last.
        String name = stream(
                bucket,
                processor("AppendDelimiterToRecord"),
                processor("RecordDeAggregation", "SubRecordType", "JSON"),
                processor("Decompression", "CompressionFormat", "GZIP"));

        firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(
                        Record.builder()
                                .data(SdkBytes.fromByteArray(gzip("{\"a\":1}{\"a\":2}")))
                                .build(),
                        Record.builder()
                                .data(SdkBytes.fromByteArray(gzip("{\"a\":3}")))
                                .build()));

        List<S3Object> objects =
                await().atMost(Duration.ofSeconds(30)).until(() -> delivered(bucket), o -> !o.isEmpty());
        assertThat(new String(read(bucket, objects.get(0).key()), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
    }

    @Test
    void theProcessingConfigurationIsDescribedAsItWasGiven() {
        Processor lambda = processor(
                "Lambda",
                "LambdaArn",
                "arn:aws:lambda:us-east-1:000000000000:function:transform",
                "NumberOfRetries",
                "5",
                "BufferSizeInMBs",
                "0.5",
                "BufferIntervalInSeconds",
                "120");
        Processor extraction = processor(
                "MetadataExtraction", "MetadataExtractionQuery", "{customer:.customer}", "JsonParsingEngine", "JQ-1.6");
        String name = stream("described", lambda, extraction);

        ProcessingConfiguration described = firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                .deliveryStreamDescription()
                .destinations()
                .get(0)
                .extendedS3DestinationDescription()
                .processingConfiguration();

        assertThat(described.enabled()).isTrue();
        assertThat(described.processors()).containsExactly(lambda, extraction);
    }

    @Test
    void processorsOutsideTheApiModelAreValidationErrors() {
        assertThatThrownBy(() -> create(processor("Bogus", "Delimiter", "x")))
                .hasMessageContaining(
                        "1 validation error detected: Value 'Bogus' at 'extendedS3DestinationConfiguration"
                                + ".processingConfiguration.processors.1.member.type' failed to satisfy constraint: Member must"
                                + " satisfy enum value set: [RecordDeAggregation, Decompression, CloudWatchLogProcessing,"
                                + " Lambda, MetadataExtraction, AppendDelimiterToRecord]")
                .extracting(e -> ((software.amazon.awssdk.awscore.exception.AwsServiceException) e)
                        .awsErrorDetails()
                        .errorCode())
                .isEqualTo("ValidationException");
        assertThatThrownBy(() -> create(processor("AppendDelimiterToRecord", "Separator", "x")))
                .hasMessageContaining("Value 'Separator' at 'extendedS3DestinationConfiguration"
                        + ".processingConfiguration.processors.1.member.parameters.1.member.parameterName' failed to"
                        + " satisfy constraint: Member must satisfy enum value set");
        assertThatThrownBy(() -> create(processor("AppendDelimiterToRecord", "Delimiter", "   ")))
                .hasMessageContaining("parameters.1.member.parameterValue' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: ^(?!\\s*$).+");
    }

    @Test
    void parametersThatDoNotFitTheirProcessorAreInvalidArguments() {
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:f";
        assertInvalid(processor("Lambda", "NumberOfRetries", "3"), "requires the parameter LambdaArn");
        assertInvalid(processor("Lambda", "LambdaArn", arn, "NumberOfRetries", "301"), "NumberOfRetries");
        assertInvalid(processor("Lambda", "LambdaArn", arn, "BufferSizeInMBs", "5"), "BufferSizeInMBs");
        assertInvalid(
                processor("Lambda", "LambdaArn", arn, "BufferIntervalInSeconds", "10"), "BufferIntervalInSeconds");
        assertInvalid(processor("Lambda", "LambdaArn", "my-function"), "LambdaArn my-function");
        assertInvalid(
                processor("Lambda", "LambdaArn", arn, "Delimiter", "x"),
                "Parameter Delimiter is not supported for processor type Lambda");
        assertInvalid(
                processor("MetadataExtraction", "MetadataExtractionQuery", "{a:.a", "JsonParsingEngine", "JQ-1.6"),
                "is not a valid JQ-1.6 expression");
        assertInvalid(
                processor("RecordDeAggregation", "SubRecordType", "DELIMITED", "Delimiter", "not base64!"), "base64");
        assertInvalid(processor("Decompression", "CompressionFormat", "ZIP"), "it must be GZIP");
        assertThatThrownBy(() -> create(processor("Lambda", "LambdaArn", arn), processor("Lambda", "LambdaArn", arn)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Exactly 1 Processor needs to be supplied when processing is enabled");
    }

    private void assertInvalid(Processor processor, String message) {
        assertThatThrownBy(() -> create(processor))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(message);
    }

    private void create(Processor... processors) {
        firehose.createDeliveryStream(r -> r.deliveryStreamName(uniqueName("invalid"))
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::bucket")
                        .processingConfiguration(p -> p.enabled(true).processors(processors))));
    }

    /** A DirectPut stream into {@code bucket} under {@code ok/}, flushed every second, once ACTIVE. */
    private String stream(String bucket, Processor... processors) {
        String name = uniqueName("processed");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .prefix("ok/")
                        .errorOutputPrefix("errors/")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))
                        .processingConfiguration(p -> p.enabled(true).processors(processors))));
        awaitActive(firehose, name);
        return name;
    }

    /** The objects of delivered records; the error output (another prefix) is not looked at here. */
    private List<S3Object> delivered(String bucket) {
        return objects(bucket).stream().filter(o -> o.key().startsWith("ok/")).toList();
    }

    private PutRecordBatchResponse put(String name, String... data) {
        PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(java.util.Arrays.stream(data)
                        .map(d -> Record.builder()
                                .data(SdkBytes.fromUtf8String(d))
                                .build())
                        .toList()));
        assertThat(response.failedPutCount()).isZero();
        return response;
    }

    private static Processor processor(String type, String... nameValues) {
        List<ProcessorParameter> parameters = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.add(ProcessorParameter.builder()
                    .parameterName(nameValues[i])
                    .parameterValue(nameValues[i + 1])
                    .build());
        }
        return Processor.builder().type(type).parameters(parameters).build();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
