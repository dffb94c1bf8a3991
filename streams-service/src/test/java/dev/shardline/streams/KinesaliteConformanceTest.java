package dev.shardline.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Malformed and refused requests, answered as AWS answers them: every row of {@code conformance/kinesalite-kinesis.json}
 * (a request and the error type and message that AWS gave for it, as kinesalite's test suite recorded them against the
 * real service) is sent as a raw body, in JSON and in CBOR, and the answer's {@code __type} and message must be
 * AWS's. That covers every member's wrong types, missing, empty, too long and out of range values, and the order of
 * serialization, validation, argument and existence checks. Rows that describe AWS as it has since changed
 * ("superseded") or where Shardline still differs ("deviation", open work) are skipped with their reason.
 */
class KinesaliteConformanceTest extends StreamsIntegrationTest {

    private static final String TABLE = "/conformance/kinesalite-kinesis.json";
    private static final ObjectMapper JSON = JsonMapper.shared();
    private static final ObjectMapper CBOR = new CBORMapper();
    private static final Pattern HASH = Pattern.compile("@[0-9a-f]+");

    private final HttpClient http = HttpClient.newHttpClient();

    @TestFactory
    Stream<DynamicTest> everyRecordedAnswerInJson() {
        return rows("json");
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedAnswerInCbor() {
        return rows("cbor");
    }

    /** The table itself: what it asserts is most of it, and each row it skips says why. */
    @Test
    void theTableAssertsMostRowsAndSaysWhyItSkipsTheRest() {
        JsonNode rows = table().get("rows");
        long skipped = rows.valueStream()
                .filter(row -> row.has("superseded") || row.has("deviation"))
                .peek(row -> assertThat(row.path("superseded").asString("")
                                + row.path("deviation").asString(""))
                        .as(row.get("source").asString())
                        .isNotBlank())
                .count();
        assertThat(rows.size()).isGreaterThan(450);
        assertThat(skipped).isLessThan(rows.size() / 10);
    }

    private Stream<DynamicTest> rows(String encoding) {
        String stream = "kinesalite-" + UUID.randomUUID().toString().substring(0, 8);
        createTestStream(stream);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode row : table().get("rows")) {
            if (row.has("superseded") || row.has("deviation")) {
                continue;
            }
            String name = row.get("source").asString().replace("kinesalite test/", "") + " [" + encoding + "]";
            tests.add(DynamicTest.dynamicTest(name, () -> assertAnswer(row, encoding, stream)));
        }
        return tests.stream();
    }

    private void assertAnswer(JsonNode row, String encoding, String stream) throws Exception {
        String action = row.get("action").asString();
        JsonNode body = JSON.readTree(JSON.writeValueAsString(row.get("body")).replace("TESTSTREAM", stream));
        boolean cbor = encoding.equals("cbor");
        HttpRequest request = HttpRequest.newBuilder(endpoint())
                .header("Content-Type", cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Kinesis_20131202." + action)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150101/us-east-1/kinesis/aws4_request, "
                                + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        cbor ? CBOR.writeValueAsBytes(body) : JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = (cbor ? CBOR : JSON).readTree(response.body());
        String message = answer.has("Message")
                ? answer.get("Message").asString()
                : answer.path("message").asString(null);

        assertThat(response.statusCode()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.path("__type").asString())
                .as(answer.toString())
                .isEqualTo(row.get("type").asString());
        assertThat(message).as("the message").isNotNull();
        assertMessage(row.get("message"), message.replace(stream, "TESTSTREAM"));
    }

    /** The message as recorded: exact, a pattern, one of several, or violations that AWS lists in no fixed order. */
    private static void assertMessage(JsonNode expected, String actual) {
        if (expected.isString()) {
            assertThat(actual).isEqualTo(expected.asString());
        } else if (expected.has("regex")) {
            // a JavaScript pattern: there a '{' that opens no quantifier is a literal, in Java it must be escaped
            assertThat(actual).matches(expected.get("regex").asString().replaceAll("\\{(?![0-9])", "\\\\{"));
        } else if (expected.has("anyOf")) {
            assertThat(actual)
                    .isIn(expected.get("anyOf")
                            .valueStream()
                            .map(JsonNode::asString)
                            .toList());
        } else {
            // AWS prints a structure as its Java object (PutRecordsRequestEntry@c965e310): the hash is not part of it
            List<String> violations = expected.get("anyOrder")
                    .valueStream()
                    .map(v -> HASH.matcher(v.asString()).replaceAll("@"))
                    .toList();
            String prefix = violations.size() == 1
                    ? "1 validation error detected: "
                    : violations.size() + " validation errors detected: ";
            assertThat(actual).startsWith(prefix);
            assertThat(Arrays.asList(HASH.matcher(actual.substring(prefix.length()))
                            .replaceAll("@")
                            .split("; ")))
                    .containsExactlyInAnyOrderElementsOf(violations);
        }
    }

    private void createTestStream(String name) {
        KinesisClient kinesis = kinesis(false);
        kinesis.createStream(r -> r.streamName(name).shardCount(3));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName(name))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    private static JsonNode table() {
        try (InputStream in = KinesaliteConformanceTest.class.getResourceAsStream(TABLE)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
