package dev.shardline.streams.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.streams.StreamsIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The /v1 REST API over real HTTP: the same streams as the AWS endpoint, with problem details on errors. */
class StreamsRestApiTest extends StreamsIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void createPutAndReadAStreamOverRest() throws Exception {
        String name = "rest-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> created = send("POST", "/v1/streams", "{\"name\":\"" + name + "\",\"shardCount\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"status\":\"CREATING\"");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send("GET", "/v1/streams/" + name, null).body().contains("\"status\":\"ACTIVE\""));

        HttpResponse<String> put = send(
                "POST",
                "/v1/streams/" + name + "/records",
                "{\"records\":[{\"partitionKey\":\"k\",\"text\":\"hello\"}]}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).contains("\"failedRecordCount\":0").contains("shardId-000000000000");

        HttpResponse<String> read = send("GET", "/v1/streams/" + name + "/shards/shardId-000000000000/records", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body())
                .contains("\"text\":\"hello\"")
                .contains("\"partitionKey\":\"k\"")
                .contains("nextIterator");

        assertThat(send("GET", "/v1/streams", null).body()).contains(name);
        assertThat(send("DELETE", "/v1/streams/" + name, null).statusCode()).isEqualTo(202);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aNullRecordOrANulInAQueryIsA400NotA500(CapturedOutput output) throws Exception {
        HttpResponse<String> nullRecord = send("POST", "/v1/streams/any-stream/records", "{\"records\":[null]}");
        assertThat(nullRecord.statusCode()).isEqualTo(400);
        assertThat(nullRecord.body())
                .contains("Value null at 'records.1.member' failed to satisfy constraint: Member must not be null");

        HttpResponse<String> undecodable = send("GET", "/v1/streams?after=%ff", null);
        assertThat(undecodable.statusCode()).isEqualTo(400);
        assertThat(undecodable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(undecodable.body()).contains("The query string is not valid");
        assertThat(output.getAll())
                .as("a client's malformed query logged as a server error")
                .doesNotContain("ERROR");

        HttpResponse<String> nul = send("GET", "/v1/streams?after=%00", null);
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("Member must not contain NUL characters");
    }

    @Test
    void errorsAreProblemDetailsWithTheAwsType() throws Exception {
        HttpResponse<String> missing = send("GET", "/v1/streams/does-not-exist", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("ResourceNotFoundException").contains("not found");

        HttpResponse<String> invalid = send("POST", "/v1/streams", "{\"name\":\"bad name\",\"shardCount\":1}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("ValidationException").contains("regular expression pattern");
    }

    /** Issue 16: one 20 MiB request added 20 MiB of log, the offending value copied whole into a WARN line. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aHugeOffendingValueIsLoggedAsABoundedExcerpt(CapturedOutput output) throws Exception {
        String huge = "x".repeat(5 * 1024 * 1024);
        String name = "rest-" + UUID.randomUUID().toString().substring(0, 8);
        send("POST", "/v1/streams", "{\"name\":\"" + name + "\",\"shardCount\":1}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send("GET", "/v1/streams/" + name, null).body().contains("\"status\":\"ACTIVE\""));
        int before = output.getAll().length();

        List<HttpResponse<String>> answers = List.of(
                send("POST", "/v1/streams", "{\"name\":\"" + huge + "\",\"shardCount\":1}"),
                send("POST", "/v1/streams", "{\"name\":\"n\",\"shardCount\":\"" + huge + "\"}"),
                send("POST", "/v1/streams", "{\"name\":\"n\",\"mode\":\"" + huge + "\"}"),
                send("POST", "/v1/streams", "{\"name\":" + huge + "}"),
                send(
                        "POST",
                        "/v1/streams/" + name + "/records",
                        "{\"records\":[{\"partitionKey\":\"" + huge + "\",\"text\":\"v\"}]}"),
                send(
                        "POST",
                        "/v1/streams/" + name + "/records",
                        "{\"records\":[{\"partitionKey\":\"k\"," + "\"dataBase64\":\"" + huge + "!\"}]}"));

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isBetween(400, 499));
        String logged = output.getAll().substring(before);
        assertThat(logged.length())
                .as("log written for six requests carrying 5 MiB values")
                .isLessThan(16 * 1024);
        assertThat(logged.lines())
                .as("each a line of a bounded length, without a stack trace")
                .allSatisfy(line -> assertThat(line.length()).isLessThan(2048))
                .noneMatch(line -> line.startsWith("\tat "));
    }

    @Test
    void theApiIsDocumentedWithOpenApi() throws Exception {
        HttpResponse<String> docs = send("GET", "/v3/api-docs", null);

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/v1/streams").contains("/v1/streams/{name}/shards/{shardId}/records");
        HttpResponse<String> swaggerUi = http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/swagger-ui/index.html"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(swaggerUi.statusCode()).isEqualTo(200);
        assertThat(swaggerUi.body()).contains("Swagger UI");
    }
}
