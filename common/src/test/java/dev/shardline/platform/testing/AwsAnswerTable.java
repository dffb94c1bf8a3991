package dev.shardline.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * A table of requests and the errors AWS answers them with ({@code {"rows": [{"source", "action", "body", "type",
 * "message"}]}}), replayed as raw bodies against an AWS JSON endpoint in JSON or CBOR. A message is exact, a
 * {@code {"regex"}}, {@code {"anyOf": [...]}}, or {@code {"anyOrder": [...]}} (the violations of one
 * ValidationException, which AWS lists in no fixed order). A row marked {@code superseded} (AWS has changed since it
 * was recorded) or {@code deviation} (Shardline still answers otherwise) is skipped, and must say why.
 */
public final class AwsAnswerTable {

    private static final ObjectMapper JSON = JsonMapper.shared();
    private static final ObjectMapper CBOR = new CBORMapper();
    /** AWS prints a structure as its Java object ({@code PutRecordsRequestEntry@c965e310}): the hash is not compared. */
    private static final Pattern HASH = Pattern.compile("@[0-9a-f]+");

    private final JsonNode rows;
    private final String targetPrefix;
    private final HttpClient http = HttpClient.newHttpClient();

    private AwsAnswerTable(JsonNode rows, String targetPrefix) {
        this.rows = rows;
        this.targetPrefix = targetPrefix;
    }

    /** The table at {@code resource} on the classpath, for the service of {@code targetPrefix}. */
    public static AwsAnswerTable load(String resource, String targetPrefix) {
        try (InputStream in = AwsAnswerTable.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new AwsAnswerTable(JSON.readTree(in).get("rows"), targetPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return rows.size();
    }

    /** The rows skipped, each checked to say why. */
    public long skipped() {
        return rows.valueStream()
                .filter(AwsAnswerTable::isSkipped)
                .peek(row -> assertThat(row.path("superseded").asString("")
                                + row.path("deviation").asString(""))
                        .as(row.get("source").asString())
                        .isNotBlank())
                .count();
    }

    /**
     * A test per asserted row, sent in {@code cbor} or JSON to {@code endpoint}, with each key of {@code names}
     * replaced by its value in the body and in the expected message (a stream the test created, say).
     */
    public Stream<DynamicTest> tests(URI endpoint, boolean cbor, Map<String, String> names) {
        return rows.valueStream()
                .filter(row -> !isSkipped(row))
                .map(row -> DynamicTest.dynamicTest(
                        row.get("source").asString() + (cbor ? " [cbor]" : " [json]"),
                        () -> assertAnswer(endpoint, row, cbor, names)));
    }

    private void assertAnswer(URI endpoint, JsonNode row, boolean cbor, Map<String, String> names) throws Exception {
        String bodyText = JSON.writeValueAsString(row.get("body"));
        for (Map.Entry<String, String> name : names.entrySet()) {
            bodyText = bodyText.replace(name.getKey(), name.getValue());
        }
        JsonNode body = JSON.readTree(bodyText);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1")
                .header("X-Amz-Target", targetPrefix + "." + row.get("action").asString())
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
        for (Map.Entry<String, String> name : names.entrySet()) {
            message = message == null ? null : message.replace(name.getValue(), name.getKey());
        }

        assertThat(response.statusCode()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.path("__type").asString())
                .as(answer.toString())
                .isEqualTo(row.get("type").asString());
        assertThat(message).as("the message").isNotNull();
        assertMessage(row.get("message"), message);
    }

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

    private static boolean isSkipped(JsonNode row) {
        return row.has("superseded") || row.has("deviation");
    }
}
