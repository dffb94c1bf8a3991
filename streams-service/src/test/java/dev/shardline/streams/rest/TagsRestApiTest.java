package dev.shardline.streams.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Tag;

/** {@code /v1/streams/{name}/tags}: the same tags as ListTagsForStream, replaced as a whole by PUT. */
class TagsRestApiTest extends StreamsIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void putReplacesAllTagsAndGetListsThemInKeyOrder() throws Exception {
        KinesisClient kinesis = kinesis(false);
        String name = activeStream(kinesis, 1);
        kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("old", "1", "team", "x")));

        HttpResponse<String> put =
                send("PUT", "/v1/streams/" + name + "/tags", "{\"tags\":{\"team\":\"payments\",\"env\":\"\"}}");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"tags\":{\"env\":\"\",\"team\":\"payments\"}}");
        assertThat(send("GET", "/v1/streams/" + name + "/tags", null).body()).isEqualTo(put.body());
        assertThat(kinesis.listTagsForStream(r -> r.streamName(name)).tags())
                .extracting(Tag::key)
                .containsExactly("env", "team");

        assertThat(send("PUT", "/v1/streams/" + name + "/tags", "{\"tags\":{}}").body())
                .isEqualTo("{\"tags\":{}}");
        assertThat(kinesis.listTagsForStream(r -> r.streamName(name)).tags()).isEmpty();
    }

    @Test
    void refusedTagsAndUnknownStreamsAreProblemDetails() throws Exception {
        String name = activeStream(kinesis(false), 1);

        HttpResponse<String> reserved = send("PUT", "/v1/streams/" + name + "/tags", "{\"tags\":{\"aws:x\":\"1\"}}");
        assertThat(reserved.statusCode()).isEqualTo(400);
        assertThat(reserved.body()).contains("InvalidArgumentException").contains("reserved for AWS use");

        HttpResponse<String> missing = send("PUT", "/v1/streams/" + name + "/tags", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("ValidationException").contains("'tags'");

        HttpResponse<String> unknown = send("GET", "/v1/streams/no-such-stream/tags", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("ResourceNotFoundException");
    }
}
