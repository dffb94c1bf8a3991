package dev.shardline.local;

import dev.shardline.platform.aws.AwsWireFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The build's training run for a class data sharing archive ({@code -XX:ArchiveClassesAtExit}): with
 * {@code --shardline.class-data-training=true} the runtime starts as usual, serves one round of the calls clients make
 * first (Kinesis in JSON and CBOR, Firehose, the REST API), so that the classes they load are in the archive too, and
 * then stops cleanly (the embedded PostgreSQL with it) and exits. A start from the archive then skips most class
 * loading and verification: on a 2-core machine that halves the time to ready (docs/operations.md).
 */
final class ClassDataTraining implements ApplicationListener<ApplicationReadyEvent> {

    static final String PROPERTY = "shardline.class-data-training";

    private static final Logger log = LoggerFactory.getLogger(ClassDataTraining.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper json = AwsWireFormat.JSON.mapper();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        ConfigurableApplicationContext context = ready.getApplicationContext();
        if (!context.getEnvironment().getProperty(PROPERTY, Boolean.class, false)) {
            return;
        }
        int exitCode = 0;
        try {
            train(endpoint(context.getEnvironment()));
            log.info("Class data training run done; stopping");
        } catch (Exception e) {
            log.error("Class data training run failed", e);
            exitCode = 1;
        }
        int code = SpringApplication.exit(context, () -> 0) == 0 ? 0 : 1;
        System.exit(Math.max(exitCode, code));
    }

    private static URI endpoint(Environment env) {
        return URI.create("http://127.0.0.1:" + env.getProperty("local.server.port"));
    }

    private void train(URI endpoint) throws IOException, InterruptedException {
        // A name of its own, so that a run interrupted before its DeleteStream does not trip the next one.
        String stream = "class-data-training-" + System.currentTimeMillis();
        kinesis(endpoint, "CreateStream", Map.of("StreamName", stream, "ShardCount", 1));
        Instant deadline = Instant.now().plus(ACTIVE_TIMEOUT);
        while (!"ACTIVE"
                .equals(kinesis(endpoint, "DescribeStreamSummary", Map.of("StreamName", stream))
                        .path("StreamDescriptionSummary")
                        .path("StreamStatus")
                        .asString())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Stream " + stream + " not ACTIVE within " + ACTIVE_TIMEOUT);
            }
            Thread.sleep(100); // polling the runtime's own stream, bounded by the deadline above
        }
        String data = Base64.getEncoder().encodeToString("training".getBytes());
        kinesis(endpoint, "PutRecord", Map.of("StreamName", stream, "PartitionKey", "k", "Data", data));
        kinesis(
                endpoint,
                "PutRecords",
                Map.of("StreamName", stream, "Records", java.util.List.of(Map.of("PartitionKey", "k", "Data", data))));
        String shardId = kinesis(endpoint, "ListShards", Map.of("StreamName", stream))
                .path("Shards")
                .path(0)
                .path("ShardId")
                .asString();
        String iterator = kinesis(
                        endpoint,
                        "GetShardIterator",
                        Map.of("StreamName", stream, "ShardId", shardId, "ShardIteratorType", "TRIM_HORIZON"))
                .path("ShardIterator")
                .asString();
        kinesis(endpoint, "GetRecords", Map.of("ShardIterator", iterator));
        send(endpoint, "Kinesis_20131202.ListStreams", AwsWireFormat.CBOR, Map.of());
        send(endpoint, "Firehose_20150804.ListDeliveryStreams", AwsWireFormat.JSON, Map.of());
        HttpResponse<String> rest = http.send(
                HttpRequest.newBuilder(endpoint.resolve("/v1/streams"))
                        .timeout(CALL_TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        check("GET /v1/streams", rest.statusCode(), rest.body());
        kinesis(endpoint, "DeleteStream", Map.of("StreamName", stream));
    }

    private JsonNode kinesis(URI endpoint, String action, Map<String, Object> input)
            throws IOException, InterruptedException {
        return json.readTree(send(endpoint, "Kinesis_20131202." + action, AwsWireFormat.JSON, input));
    }

    private byte[] send(URI endpoint, String target, AwsWireFormat format, Object input)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(endpoint)
                        .timeout(CALL_TIMEOUT)
                        .header("Content-Type", format.contentType())
                        .header("X-Amz-Target", target)
                        .header(
                                "Authorization",
                                "AWS4-HMAC-SHA256 Credential=training/20260101/us-east-1/kinesis/aws4_request, "
                                        + "SignedHeaders=host, Signature=0")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                format.mapper().writeValueAsBytes(input)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        check(target, response.statusCode(), new String(response.body()));
        return response.body();
    }

    private static void check(String call, int status, String body) {
        if (status != 200) {
            throw new IllegalStateException(call + " answered " + status + ": " + body);
        }
    }
}
