package dev.shardline.firehose.destination.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/** The shared set-up of the HTTP endpoint tests: a real HTTP server as the endpoint, the SDK as the client. */
abstract class HttpEndpointIntegrationTest extends FirehoseIntegrationTest {

    static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    static final String FAILED_PREFIX = "errors/http-endpoint-failed/";

    FirehoseClient firehose;
    TestEndpoint endpoint;

    @BeforeEach
    void setUp() {
        firehose = firehose();
        endpoint = new TestEndpoint();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    String create(String bucket, String url, Consumer<HttpEndpointDestinationConfiguration.Builder> more) {
        String name = uniqueName("http");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name).httpEndpointDestinationConfiguration(h -> {
            valid(h, bucket, url).bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(1));
            more.accept(h);
        }));
        awaitActive(firehose, name);
        return name;
    }

    static HttpEndpointDestinationConfiguration.Builder valid(
            HttpEndpointDestinationConfiguration.Builder h, String bucket, String url) {
        return h.endpointConfiguration(e -> e.url(url))
                .roleARN(ROLE)
                .s3Configuration(
                        s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket).errorOutputPrefix("errors/"));
    }

    void put(String name, List<String> records) {
        PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(records.stream()
                        .map(data -> Record.builder()
                                .data(SdkBytes.fromUtf8String(data))
                                .build())
                        .toList()));
        assertThat(response.failedPutCount()).isZero();
    }

    List<JsonNode> failedLines(String bucket) {
        List<JsonNode> lines = new ArrayList<>();
        for (S3Object object : objects(bucket)) {
            if (object.key().startsWith(FAILED_PREFIX)) {
                new String(read(bucket, object.key()), StandardCharsets.UTF_8)
                        .lines()
                        .forEach(line -> lines.add(TestEndpoint.JSON.readTree(line)));
            }
        }
        return lines;
    }

    static String rawData(JsonNode line) {
        return new String(Base64.getDecoder().decode(line.get("rawData").stringValue()), StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
