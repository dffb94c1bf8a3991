package dev.shardline.analytics.application.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.AnalyticsIntegrationTest;
import dev.shardline.analytics.engine.JobSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code /v1/applications} API for people, over real HTTP, on the same application services. */
class AnalyticsRestApiTest extends AnalyticsIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void createStartSnapshotStopAndDeleteASqlApplication() throws Exception {
        String name = uniqueName("rest");
        HttpResponse<String> created = send(
                "POST",
                "/v1/applications",
                "{\"name\":\"" + name + "\",\"sql\":\"INSERT INTO a SELECT 1;\",\"parallelism\":2,"
                        + "\"snapshotsEnabled\":true,\"properties\":{\"app\":{\"window\":\"1m\"}}}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body())
                .contains("\"arn\":\"arn:aws:kinesisanalytics:us-east-1:000000000000:application/" + name + "\"")
                .contains("\"status\":\"READY\"")
                .contains("\"codeType\":\"PLAINTEXT\"");
        JobSpec validated = engine.validated(name).get(0);
        assertThat(validated.parallelism()).isEqualTo(2);
        assertThat(validated.propertyGroups()).isEqualTo(Map.of("app", Map.of("window", "1m")));

        assertThat(send("POST", "/v1/applications/" + name + "/start", null).body())
                .contains("operationId");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> send("GET", "/v1/applications/" + name, null).body(), b -> b.contains("RUNNING"));

        HttpResponse<String> snapshot =
                send("POST", "/v1/applications/" + name + "/snapshots", "{\"name\":\"by-hand\"}");
        assertThat(snapshot.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> send("GET", "/v1/applications/" + name + "/snapshots", null)
                                .body(),
                        b -> b.contains("\"status\":\"READY\""));

        assertThat(send("POST", "/v1/applications/" + name + "/stop", null).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> send("GET", "/v1/applications/" + name, null).body(), b -> b.contains("\"READY\""));
        assertThat(send("GET", "/v1/applications/" + name + "/operations", null).body())
                .contains("StopApplication")
                .contains("CreateApplicationSnapshot")
                .contains("StartApplication");
        assertThat(send("GET", "/v1/applications?limit=1000", null).body()).contains(name);

        assertThat(send("DELETE", "/v1/applications/" + name, null).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> send("GET", "/v1/applications/" + name, null).statusCode() == 404);
    }

    @Test
    void errorsAreProblemDetails() throws Exception {
        HttpResponse<String> missing = send("GET", "/v1/applications/no-such-app", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("ResourceNotFoundException");
        HttpResponse<String> invalid = send("POST", "/v1/applications", "{\"name\":\"bad name\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("ValidationException").contains("'sql'");
        HttpResponse<String> notRunning = send("POST", "/v1/applications/no-such-app/stop", null);
        assertThat(notRunning.statusCode()).isEqualTo(404);
    }

    @Test
    void theApiIsDocumentedInOpenApi() throws Exception {
        assertThat(send("GET", "/v3/api-docs", null).body())
                .contains("/v1/applications")
                .contains("/v1/applications/{name}/start");
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + path));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
