package dev.shardline.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code /v1} request that cannot be read gets a problem that names the member and the trouble, over real HTTP, and
 * leaves no warning with the offending value in the log. Shares {@link SigV4WireTest}'s context.
 */
@SpringBootTest(
        classes = SigV4WireTest.EnforcingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "shardline.security.mode=enforce",
            "shardline.security.credentials[0].access-key-id=123456789012",
            "shardline.security.credentials[0].secret-access-key=wire/Secret+Key",
            "shardline.security.credentials[0].account-id=444455556666",
            "shardline.security.credentials-file=src/test/resources/sigv4/credentials.txt",
            "server.http2.enabled=true"
        })
@ExtendWith(OutputCaptureExtension.class)
class RestRequestErrorsTest {

    private static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString("123456789012:wire/Secret+Key".getBytes(StandardCharsets.UTF_8));

    @Value("${local.server.port}")
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = JsonMapper.builder().build();

    record Thing(String name, Integer count, List<Part> parts) {}

    record Part(Integer size) {}

    /** A /v1 resource with a typed body and a typed query parameter. */
    @RestController
    static class Things {

        @PostMapping("/v1/things")
        String create(@RequestBody Thing thing) {
            return thing.name();
        }

        @GetMapping("/v1/things")
        String list(@RequestParam int limit) {
            return "limit " + limit;
        }
    }

    @Test
    void aMemberOfTheWrongTypeIsNamedWithWhatWasExpected(CapturedOutput output) throws Exception {
        JsonNode problem = problem(post("{\"name\":\"a\",\"count\":\"two-and-a-secret-value\"}"));

        assertThat(problem.get("title").asString()).isEqualTo("SerializationException");
        assertThat(problem.get("awsErrorType").asString()).isEqualTo("SerializationException");
        assertThat(problem.get("detail").asString())
                .startsWith("Member 'count' cannot be read: ")
                .contains("Integer")
                .doesNotContain("java.lang");
        assertThat(output.getAll()).doesNotContain("two-and-a-secret-value");
    }

    @Test
    void aNestedMemberIsNamedByItsPath() throws Exception {
        JsonNode problem = problem(post("{\"name\":\"a\",\"parts\":[{\"size\":1},{\"size\":true}]}"));

        assertThat(problem.get("detail").asString()).startsWith("Member 'parts[1].size' cannot be read: ");
    }

    @Test
    void malformedJsonIsPlacedByLineAndColumn() throws Exception {
        JsonNode problem = problem(post("{\"name\":\"a\",\n\"count\":2"));

        assertThat(problem.get("detail").asString())
                .startsWith("The request body is not valid JSON at line 2, column ");
    }

    @Test
    void aQueryParameterMissingOrOfTheWrongTypeIsNamed() throws Exception {
        JsonNode missing = problem(get("/v1/things"));
        JsonNode wrongType = problem(get("/v1/things?limit=many"));

        assertThat(missing.get("awsErrorType").asString()).isEqualTo("ValidationException");
        assertThat(missing.get("detail").asString()).isEqualTo("Query parameter 'limit' is required.");
        assertThat(wrongType.get("detail").asString()).isEqualTo("Parameter 'limit' must be of type int.");
    }

    @Test
    void aReadableRequestStillReachesItsController() throws Exception {
        HttpResponse<String> response = post("{\"name\":\"kept\",\"count\":2}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("kept");
    }

    private JsonNode problem(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/things"))
                        .header("Authorization", BASIC)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", BASIC)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
