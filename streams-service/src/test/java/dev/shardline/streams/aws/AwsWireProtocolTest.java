package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The AWS JSON endpoint at the HTTP level: what a hand-written or hostile client gets back. */
class AwsWireProtocolTest extends StreamsIntegrationTest {

    private static final String AUTH =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/kinesis/aws4_request, "
                    + "SignedHeaders=host;x-amz-date, Signature=0000";
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(String target, String contentType, byte[] body, boolean signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (signed) {
            request.header("Authorization", AUTH);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> json(String action, String body) throws Exception {
        return post("Kinesis_20131202." + action, "application/x-amz-json-1.1", body.getBytes(), true);
    }

    @Test
    void everyResponseCarriesARequestId() throws Exception {
        HttpResponse<String> ok = json("ListStreams", "{}");
        HttpResponse<String> error = json("DescribeStream", "{\"StreamName\":\"missing\"}");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(error.body()).contains("\"__type\":\"ResourceNotFoundException\"");
    }

    @Test
    void anUnknownActionIsUnknownOperation() throws Exception {
        HttpResponse<String> response = json("MakeCoffee", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UnknownOperationException");
    }

    /** The model checks the members of a list that are there; a null among them is the action's to refuse. */
    @Test
    void nullListMembersThatTheModelLetsThroughAreValidationErrors() throws Exception {
        HttpResponse<String> records = json("PutRecords", "{\"StreamName\":\"missing\",\"Records\":[null]}");
        HttpResponse<String> tagKeys = json("RemoveTagsFromStream", "{\"StreamName\":\"missing\",\"TagKeys\":[null]}");
        HttpResponse<String> untag = json(
                "UntagResource",
                "{\"ResourceARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/missing\",\"TagKeys\":[null]}");
        HttpResponse<String> metrics =
                json("EnableEnhancedMonitoring", "{\"StreamName\":\"missing\",\"ShardLevelMetrics\":[null]}");

        assertThat(records.statusCode()).isEqualTo(400);
        assertThat(records.body())
                .contains("ValidationException")
                .contains("Value null at 'records.1.member' failed to satisfy constraint: Member must not be null");
        for (HttpResponse<String> keys : java.util.List.of(tagKeys, untag)) {
            assertThat(keys.statusCode()).isEqualTo(400);
            assertThat(keys.body())
                    .contains("ValidationException")
                    .contains("Value '[null]' at 'tagKeys' failed to satisfy constraint: Member must satisfy "
                            + "constraint: [Member must not be null]");
        }
        assertThat(metrics.statusCode()).isEqualTo(400);
        assertThat(metrics.body())
                .contains("ValidationException")
                .contains("Value '[null]' at 'shardLevelMetrics' failed to satisfy constraint: Member must satisfy "
                        + "constraint: [Member must satisfy enum value set: [");
    }

    @Test
    void malformedBodiesAreSerializationErrorsNotServerErrors() throws Exception {
        assertThat(json("ListStreams", "{not json").body()).contains("SerializationException");
        assertThat(json("CreateStream", "{\"StreamName\":{\"nested\":1},\"ShardCount\":1}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(json("CreateStream", "{\"StreamName\":\"x\",\"ShardCount\":\"many\"}")
                        .body())
                .contains("SerializationException");
        assertThat(json("ListStreams", "").body()).contains("SerializationException");
        HttpResponse<String> cbor = post(
                "Kinesis_20131202.ListStreams", "application/x-amz-cbor-1.1", new byte[] {(byte) 0xbf, 0x61}, true);
        assertThat(cbor.statusCode()).isEqualTo(400);
        assertThat(cbor.body()).contains("SerializationException");
        assertThat(json("GetRecords", "{\"ShardIterator\":\"" + "A".repeat(512) + "\"}")
                        .body())
                .contains("InvalidArgumentException");
    }

    @Test
    void anUnsignedRequestIsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response =
                post("Kinesis_20131202.ListStreams", "application/x-amz-json-1.1", "{}".getBytes(), false);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("MissingAuthenticationTokenException")
                .contains("Missing Authentication Token");
    }

    @Test
    void anOversizedBodyGets413() throws Exception {
        byte[] body = new byte[16 * 1024 * 1024 + 1];

        HttpResponse<String> response = post("Kinesis_20131202.PutRecord", "application/x-amz-json-1.1", body, true);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("RequestEntityTooLargeException");
        assertThat(response.body()).contains("\"__type\":\"RequestEntityTooLargeException\"");
    }

    /** A region ends up in ARNs and table keys: one AWS would not sign for is refused before any action runs. */
    @Test
    void aCredentialScopeWithAnInvalidRegionIsAnInvalidSignature() throws Exception {
        for (String region : java.util.List.of("..", "us east 1", "x\"y", "a".repeat(33), "US-EAST-1")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                            .header("X-Amz-Target", "Kinesis_20131202.CreateStream")
                            .header("Content-Type", "application/x-amz-json-1.1")
                            .header("Authorization", AUTH.replace("us-east-1", region))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"StreamName\":\"region-" + UUID.randomUUID() + "\",\"ShardCount\":1}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(region).isEqualTo(400);
            assertThat(response.body())
                    .as(region)
                    .contains("\"__type\":\"InvalidSignatureException\"")
                    .contains("Credential should be scoped to a valid region");
        }
        assertThat(json("ListStreams", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void theErrorPageAskedForDirectlyIsAnUnknownPathNotA500() throws Exception {
        for (String method : java.util.List.of("GET", "POST")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint() + "/error"))
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(method).isEqualTo(404);
            assertThat(response.body()).as(method).contains("\"__type\":\"UnknownOperationException\"");
        }
    }

    @Test
    void anUnknownRestPathIsAProblemDetail() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/v1/no-such-thing"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":404").contains("\"instance\":\"/v1/no-such-thing\"");
    }

    /** Requests Tomcat refuses before Spring sees them are answered in AWS's shape, not with Tomcat's HTML page. */
    @Test
    void malformedHttpGetsAnAwsErrorNotAContainerPage() throws Exception {
        String badHeader = raw("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\n"
                + "Bad Header Line\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(badHeader)
                .startsWith("HTTP/1.1 400")
                .contains("SerializationException")
                .doesNotContain("<html");

        String gzip = raw("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: gzip\r\n\r\n");
        assertThat(gzip)
                .startsWith("HTTP/1.1 501")
                .contains("NotImplementedException")
                .doesNotContain("<html");
    }

    /** One request on a raw socket, the whole answer as text (the server closes after an error like these). */
    private String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aForeignContentTypeOrMethodGetsAwsAnswersNotSpringPages() throws Exception {
        HttpResponse<String> text = post("Kinesis_20131202.ListStreams", "text/plain", "{}".getBytes(), true);
        assertThat(text.statusCode()).isEqualTo(404);
        assertThat(text.body()).contains("<UnknownOperationException/>");

        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(403);
        assertThat(get.body()).contains("AccessDeniedException");
    }

    @Test
    void a12DigitAccessKeySelectsTheAccount() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .header("X-Amz-Target", "Kinesis_20131202.DescribeStream")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header(
                        "Authorization",
                        AUTH.replace("AKIDEXAMPLE", "123456789012").replace("us-east-1", "eu-west-1"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"StreamName\":\"nope\"}"))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).contains("Stream nope under account 123456789012 not found.");
    }
}
