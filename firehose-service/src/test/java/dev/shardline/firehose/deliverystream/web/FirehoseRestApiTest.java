package dev.shardline.firehose.deliverystream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The {@code /v1/delivery-streams} API for people, over real HTTP, down to the object in S3. */
class FirehoseRestApiTest extends FirehoseIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void createPutAndReadTheObjectBack() throws Exception {
        String bucket = newBucket();
        String name = uniqueName("rest");
        HttpResponse<String> created = send(
                "POST",
                "/v1/delivery-streams",
                "{\"name\":\"" + name + "\",\"bucket\":\"" + bucket + "\",\"bufferIntervalSeconds\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body())
                .contains("\"arn\":\"arn:aws:firehose:us-east-1:000000000000:deliverystream/" + name + "\"")
                .contains("\"bufferSizeMiB\":5");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send("GET", "/v1/delivery-streams/" + name, null).body(), b -> b.contains("ACTIVE"));

        HttpResponse<String> put = send(
                "POST",
                "/v1/delivery-streams/" + name + "/records",
                "{\"records\":[{\"text\":\"hello\\n\"},{\"data\":\"d29ybGQK\"}]}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).contains("\"failedPutCount\":0");

        List<S3Object> objects = await().atMost(Duration.ofSeconds(30)).until(() -> objects(bucket), o -> !o.isEmpty());
        assertThat(new String(read(bucket, objects.get(0).key()), StandardCharsets.UTF_8))
                .isEqualTo("hello\nworld\n");
        assertThat(send("GET", "/v1/delivery-streams?limit=10000", null).body()).contains(name);
        assertThat(send("DELETE", "/v1/delivery-streams/" + name, null).statusCode())
                .isEqualTo(202);
    }

    @Test
    void errorsAreProblemDetails() throws Exception {
        HttpResponse<String> missing = send("GET", "/v1/delivery-streams/no-such-stream", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("ResourceNotFoundException");
        HttpResponse<String> invalid =
                send("POST", "/v1/delivery-streams", "{\"name\":\"x\",\"bucket\":\"b\",\"bufferSizeMiB\":0}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("ValidationException").contains("destination.bufferingHints.sizeInMBs");
    }

    @Test
    void aNullRecordOrANulInAQueryIsA400NotA500() throws Exception {
        HttpResponse<String> nullRecord =
                send("POST", "/v1/delivery-streams/any-stream/records", "{\"records\":[null]}");
        assertThat(nullRecord.statusCode()).isEqualTo(400);
        assertThat(nullRecord.body())
                .contains("Value null at 'records.1.member' failed to satisfy constraint: Member must not be null");

        String twoMiB = "x".repeat(2 * 1024 * 1024);
        HttpResponse<String> tooLarge = send(
                "POST", "/v1/delivery-streams/any-stream/records", "{\"records\":[{\"text\":\"" + twoMiB + "\"}]}");
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(tooLarge.body())
                .contains("Value at 'records.1.member.data' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 1024000");

        HttpResponse<String> nul = send("GET", "/v1/delivery-streams?after=%00", null);
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("Member must not contain NUL characters");
    }

    /** Issue 16: one 20 MiB request added 20 MiB of log, the offending value copied whole into a WARN line. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aHugeOffendingValueIsLoggedAsABoundedExcerpt(CapturedOutput output) throws Exception {
        String huge = "x".repeat(5 * 1024 * 1024);
        String bucket = newBucket();
        String name = uniqueName("rest");
        send(
                "POST",
                "/v1/delivery-streams",
                "{\"name\":\"" + name + "\",\"bucket\":\"" + bucket + "\",\"bufferIntervalSeconds\":1}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send("GET", "/v1/delivery-streams/" + name, null).body(), b -> b.contains("ACTIVE"));
        int before = output.getAll().length();

        List<HttpResponse<String>> answers = List.of(
                send("POST", "/v1/delivery-streams", "{\"name\":\"" + huge + "\",\"bucket\":\"b\"}"),
                send("POST", "/v1/delivery-streams", "{\"name\":\"n\",\"bucket\":\"" + huge + "\"}"),
                send("POST", "/v1/delivery-streams", "{\"name\":\"n\",\"bufferSizeMiB\":\"" + huge + "\"}"),
                send("POST", "/v1/delivery-streams", "{\"name\":" + huge + "}"),
                send(
                        "POST",
                        "/v1/delivery-streams/" + name + "/records",
                        "{\"records\":[{\"data\":\"" + huge + "!\"}]}"),
                send(
                        "POST",
                        "/v1/delivery-streams/" + name + "/records",
                        "{\"records\":[{\"text\":\"" + huge + "\"}]}"));

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

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("content-type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
