package dev.shardline.streams.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** GET /v1/streams/{name}/consumers: a stream's consumers for people, problem details on errors. */
class ConsumersRestApiTest extends StreamsIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsAStreamsConsumersWithTheirStatusAndArn() throws Exception {
        KinesisClient kinesis = kinesis(false);
        String stream = activeStream(kinesis, 1);
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary()
                .streamARN();
        String arn = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("dashboard"))
                .consumer()
                .consumerARN();

        HttpResponse<String> listed = get("/v1/streams/" + stream + "/consumers");

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body())
                .contains("\"name\":\"dashboard\"")
                .contains("\"arn\":\"" + arn + "\"")
                .containsPattern("\"status\":\"(CREATING|ACTIVE)\"");
    }

    @Test
    void anUnknownStreamIsAProblemDetail() throws Exception {
        HttpResponse<String> missing = get("/v1/streams/no-such-stream/consumers");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("ResourceNotFoundException");
    }
}
