package dev.shardline.firehose.destination.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.shardline.firehose.TestFirehoseApplication;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.RedshiftDestinationConfiguration;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A warehouse stream whose transformation function fails some records: the others are loaded into the table, the
 * failed ones land in the intermediate bucket's error output as AWS's processing-failed JSON lines.
 */
class WarehouseErrorOutputTest extends WarehouseIntegrationTest {

    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer function;

    /** A Lambda stand-in on the JDK's HTTP server: records starting with "bad" fail, the others pass unchanged. */
    @BeforeEach
    void startFunction() throws IOException {
        function = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        function.createContext("/", exchange -> {
            try (exchange) {
                JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
                List<Object> records = new ArrayList<>();
                for (JsonNode record : event.path("records")) {
                    String data = new String(
                            Base64.getDecoder().decode(record.path("data").asString()), StandardCharsets.UTF_8);
                    records.add(Map.of(
                            "recordId",
                            record.path("recordId").asString(),
                            "result",
                            data.startsWith("bad") ? "ProcessingFailed" : "Ok",
                            "data",
                            record.path("data").asString()));
                }
                byte[] body = JSON.writeValueAsBytes(Map.of("records", records));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        function.start();
    }

    @AfterEach
    void stopFunction() {
        function.stop(0);
    }

    @Test
    void recordsThatProcessingFailsGoToTheIntermediateBucketsProcessingFailedOutputAndTheRestIntoTheTable()
            throws Exception {
        sql("CREATE TABLE " + schema + ".mixed (n int)");
        String bucket = newBucket();
        Instant before = Instant.now();
        String stream = warehouseStream(withFunction(
                redshift(bucket, schema + ".mixed", null, "", CompressionFormat.UNCOMPRESSED), bucket, null));

        put(stream, List.of("1\n", "bad-a\n", "2\n", "bad-b\n", "3\n"));

        await().atMost(LOAD)
                .until(() -> rows("SELECT count(*) FROM " + schema + ".mixed"), r -> r.equals(List.of("3")));
        assertThat(rows("SELECT n FROM " + schema + ".mixed ORDER BY n")).containsExactly("1", "2", "3");
        List<S3Object> errors =
                await().atMost(LOAD).until(() -> errorObjects(bucket, "processing-failed/"), e -> !e.isEmpty());
        assertThat(errors).hasSize(1);
        String hour = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/")
                .withZone(ZoneOffset.UTC)
                .format(before);
        assertThat(errors.get(0).key()).startsWith("processing-failed/" + hour + stream + "-1-");
        List<JsonNode> lines = lines(bucket, errors.get(0));
        assertThat(lines).extracting(WarehouseErrorOutputTest::rawData).containsExactly("bad-a\n", "bad-b\n");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.propertyNames())
                    .containsExactly(
                            "attemptsMade",
                            "arrivalTimestamp",
                            "errorCode",
                            "errorMessage",
                            "attemptEndingTimestamp",
                            "rawData",
                            "lambdaArn");
            assertThat(line.get("errorCode").asString()).isEqualTo("Lambda.ProcessingFailedStatus");
            assertThat(line.get("lambdaArn").asString()).isEqualTo(functionUrl());
            assertThat(line.get("arrivalTimestamp").asLong()).isGreaterThanOrEqualTo(before.toEpochMilli() - 1000);
        });
        // The staged object holds only the records that were loaded.
        List<S3Object> staged = objects(bucket).stream()
                .filter(o -> !o.key().startsWith("processing-failed/"))
                .toList();
        assertThat(staged)
                .singleElement()
                .satisfies(o -> assertThat(new String(read(bucket, o.key()), StandardCharsets.UTF_8))
                        .isEqualTo("1\n2\n3\n"));
    }

    @Test
    void aBatchDeliveredAgainRewritesItsErrorOutputInsteadOfAddingACopy() throws Exception {
        sql("CREATE TABLE " + schema + ".again (n int)");
        String bucket = newBucket();
        String name = uniqueName("warehouse");
        TestFirehoseApplication.CRASH_AFTER_NEXT_WRITE.add(name);
        warehouseStream(
                name,
                withFunction(
                        redshift(bucket, schema + ".again", null, "", CompressionFormat.UNCOMPRESSED),
                        bucket,
                        "failed/!{firehose:error-output-type}/"));

        put(name, List.of("bad-1\n", "1\n", "bad-2\n"));

        // The first delivery writes and loads, then "crashes" before its commit: the batch is delivered again.
        await().atMost(LOAD)
                .until(() -> TestFirehoseApplication.DELIVERIES
                                .getOrDefault(name, List.of())
                                .size()
                        >= 2);
        assertThat(TestFirehoseApplication.DELIVERIES.get(name)).containsExactly("0:0-2", "0:0-2");
        assertThat(rows("SELECT n FROM " + schema + ".again")).containsExactly("1");
        List<S3Object> errors = errorObjects(bucket, "failed/processing-failed/");
        assertThat(errors).hasSize(1);
        assertThat(lines(bucket, errors.get(0)))
                .extracting(WarehouseErrorOutputTest::rawData)
                .containsExactly("bad-1\n", "bad-2\n");
        assertThat(objects(bucket)).hasSize(2); // the staged object and the error output, once each
    }

    private RedshiftDestinationConfiguration.Builder withFunction(
            RedshiftDestinationConfiguration.Builder configuration, String bucket, String errorOutputPrefix) {
        return configuration
                .s3Configuration(s -> s.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .errorOutputPrefix(errorOutputPrefix)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1)))
                .processingConfiguration(ProcessingConfiguration.builder()
                        .enabled(true)
                        .processors(Processor.builder()
                                .type("Lambda")
                                .parameters(parameter("LambdaArn", functionUrl()), parameter("NumberOfRetries", "0"))
                                .build())
                        .build());
    }

    private static ProcessorParameter parameter(String name, String value) {
        return ProcessorParameter.builder()
                .parameterName(name)
                .parameterValue(value)
                .build();
    }

    private String functionUrl() {
        return "http://127.0.0.1:" + function.getAddress().getPort() + "/";
    }

    private List<S3Object> errorObjects(String bucket, String prefix) {
        return objects(bucket).stream().filter(o -> o.key().startsWith(prefix)).toList();
    }

    private List<JsonNode> lines(String bucket, S3Object object) {
        return new String(read(bucket, object.key()), StandardCharsets.UTF_8)
                .lines()
                .map(JSON::readTree)
                .toList();
    }

    private static String rawData(JsonNode line) {
        return new String(Base64.getDecoder().decode(line.get("rawData").asString()), StandardCharsets.UTF_8);
    }
}
