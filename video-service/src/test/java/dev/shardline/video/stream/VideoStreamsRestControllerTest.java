package dev.shardline.video.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.video.VideoIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code /v1/video-streams}: the same streams as the AWS face, in plain JSON, with problem details for errors. */
class VideoStreamsRestControllerTest extends VideoIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aStreamIsCreatedDescribedListedAndDeleted() throws Exception {
        String name = uniqueName("rest");

        HttpResponse<String> created = send(
                "POST",
                "/v1/video-streams",
                "{\"name\":\"" + name + "\",\"mediaType\":\"video/h264\",\"dataRetentionInHours\":2}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body())
                .contains("\"name\":\"" + name + "\"")
                .contains("\"arn\":\"arn:aws:kinesisvideo:us-east-1:000000000000:stream/" + name + "/")
                .contains("\"dataRetentionInHours\":2");

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        send("GET", "/v1/video-streams/" + name, null).body().contains("\"status\":\"ACTIVE\""));
        assertThat(send("GET", "/v1/video-streams?prefix=" + name, null).body()).contains(name);

        assertThat(send("DELETE", "/v1/video-streams/" + name, null).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> send("GET", "/v1/video-streams/" + name, null).statusCode() == 404);
    }

    @Test
    void errorsAreProblemDetailsWithTheAwsType() throws Exception {
        HttpResponse<String> missing = send("GET", "/v1/video-streams/" + uniqueName("none"), null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("ResourceNotFoundException");

        HttpResponse<String> invalid = send("POST", "/v1/video-streams", "{\"name\":\"bad name\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("InvalidArgumentException");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
