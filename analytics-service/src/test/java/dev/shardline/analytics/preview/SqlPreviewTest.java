package dev.shardline.analytics.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.AnalyticsIntegrationTest;
import dev.shardline.analytics.connector.TestStreams;
import dev.shardline.analytics.engine.EmbeddedFlinkEngine;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.analytics.engine.JobStatus;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/sql/preview} over real HTTP on the context's real embedded engine (its own MiniCluster, started by
 * the first preview), reading streams kept on the embedded KRaft broker.
 */
class SqlPreviewTest extends AnalyticsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Autowired
    TestStreams streams;

    @Autowired
    EmbeddedFlinkEngine flink;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private static String source(String arn) {
        return "CREATE TABLE clicks (k STRING, n INT) WITH ('connector' = 'kinesis', 'stream.arn' = '" + arn
                + "', 'aws.region' = 'us-east-1', 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');\n";
    }

    private HttpRequest request(String sql, Integer rows, Integer seconds) {
        var body = json.createObjectNode().put("sql", sql);
        if (rows != null) {
            body.put("rowLimit", rows);
        }
        if (seconds != null) {
            body.put("timeLimitSeconds", seconds);
        }
        return HttpRequest.newBuilder(URI.create(endpoint() + "/v1/sql/preview"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    /** A preview being read line by line as the server sends them. */
    private final class Lines implements AutoCloseable {
        final HttpResponse<InputStream> response;
        final BufferedReader reader;
        final List<JsonNode> read = new ArrayList<>();

        Lines(HttpRequest request) throws Exception {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        }

        JsonNode next() throws Exception {
            String line = CompletableFuture.supplyAsync(() -> {
                        try {
                            return reader.readLine();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(line).as("a line before the end of the response").isNotNull();
            JsonNode node = json.readTree(line);
            read.add(node);
            return node;
        }

        @Override
        public void close() throws Exception {
            response.body().close();
        }
    }

    private void awaitCancelled(String job) {
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(flink.status(new JobId(job)).state()).isEqualTo(JobStatus.State.CANCELED));
    }

    @Test
    void rowsPutIntoAStreamAppearWhileThePreviewRunsAndItsJobIsCancelledAtTheRowLimit() throws Exception {
        String arn = streams.create("preview-clicks", 2);
        for (int i = 1; i <= 3; i++) {
            streams.put(arn, "key-" + i, "{\"k\":\"key-" + i + "\",\"n\":" + i + "}");
        }
        try (Lines lines = new Lines(request(source(arn) + "SELECT k, n * 10 AS tens FROM clicks", 5, 60))) {
            assertThat(lines.response.statusCode()).isEqualTo(200);
            assertThat(lines.response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
            JsonNode columns = lines.next();
            assertThat(columns.get("columns").toString())
                    .isEqualTo("[{\"name\":\"k\",\"type\":\"STRING\"},{\"name\":\"tens\",\"type\":\"INT\"}]");
            String job = columns.get("job").asString();
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode row = lines.next();
                assertThat(row.get("kind").asString()).isEqualTo("+I");
                rows.add(row.get("row").toString());
            }
            assertThat(rows)
                    .containsExactlyInAnyOrder(
                            "{\"k\":\"key-1\",\"tens\":10}",
                            "{\"k\":\"key-2\",\"tens\":20}",
                            "{\"k\":\"key-3\",\"tens\":30}");

            // The preview is still running: rows put now are streamed too, until the limit.
            streams.put(arn, "key-4", "{\"k\":\"key-4\",\"n\":4}");
            streams.put(arn, "key-5", "{\"k\":\"key-5\",\"n\":5}");
            streams.put(arn, "key-6", "{\"k\":\"key-6\",\"n\":6}");
            assertThat(lines.next().get("row").get("tens").asInt()).isIn(40, 50, 60);
            assertThat(lines.next().get("row").get("tens").asInt()).isIn(40, 50, 60);
            JsonNode end = lines.next().get("end");
            assertThat(end.get("rows").asInt()).isEqualTo(5);
            assertThat(end.get("reason").asString()).isEqualTo("ROW_LIMIT");
            assertThat(lines.reader.readLine()).isNull();
            awaitCancelled(job);
        }
    }

    @Test
    void aPreviewWithoutNewRowsEndsAtItsTimeLimitAndItsJobIsCancelled() throws Exception {
        String arn = streams.create("preview-quiet", 1);
        long start = System.nanoTime();
        try (Lines lines = new Lines(request(source(arn) + "SELECT k FROM clicks", null, 3))) {
            String job = lines.next().get("job").asString();
            JsonNode end = lines.next().get("end");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(end.get("reason").asString()).isEqualTo("TIME_LIMIT");
            assertThat(end.get("rows").asInt()).isZero();
            assertThat(end.get("millis").asLong()).isBetween(3_000L, 10_000L);
            assertThat(seconds).isLessThan(30);
            awaitCancelled(job);
        }
    }

    @Test
    void aBoundedQueryEndsWithItsDataAndAnAggregateShowsItsUpdates() throws Exception {
        try (Lines lines = new Lines(
                request("SELECT x, COUNT(*) AS c FROM (VALUES (1), (1), (2)) AS t(x) GROUP BY x", null, 60))) {
            lines.next();
            List<String> changes = new ArrayList<>();
            JsonNode line;
            while (!(line = lines.next()).has("end")) {
                changes.add(line.get("kind").asString() + line.get("row"));
            }
            assertThat(changes)
                    .containsExactlyInAnyOrder(
                            "+I{\"x\":1,\"c\":1}", "-U{\"x\":1,\"c\":1}", "+U{\"x\":1,\"c\":2}", "+I{\"x\":2,\"c\":1}");
            assertThat(line.get("end").get("reason").asString()).isEqualTo("END_OF_DATA");
        }
    }

    @Test
    void aClientThatGoesAwayHasItsJobCancelledBeforeTheTimeLimit() throws Exception {
        String arn = streams.create("preview-leaving", 1);
        String job;
        try (Lines lines = new Lines(request(source(arn) + "SELECT k FROM clicks", 10_000, 60))) {
            job = lines.next().get("job").asString();
        }
        long start = System.nanoTime();
        // The server notices a client gone when it writes to it: rows keep coming until the job is cancelled.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            streams.put(arn, "k", "{\"k\":\"k\",\"n\":1}");
            assertThat(flink.status(new JobId(job)).state()).isEqualTo(JobStatus.State.CANCELED);
        });
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(55);
    }

    @Test
    void sqlThatDoesNotPlanIsA400ProblemWithFlinksMessage() throws Exception {
        HttpResponse<String> response =
                http.send(request("SELECT nope FROM nowhere", null, null), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("awsErrorType").asString()).isEqualTo("CodeValidationException");
        assertThat(problem.get("detail").asString()).contains("Object 'nowhere' not found");

        HttpResponse<String> notAQuery = http.send(
                request("CREATE TABLE t (x INT) WITH ('connector' = 'datagen')", null, null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notAQuery.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notAQuery.body()).get("detail").asString()).contains("SELECT");
    }

    @Test
    void limitsOutsideTheirBoundsAreRefused() throws Exception {
        for (HttpRequest bad : List.of(
                request("SELECT 1", 10_001, null),
                request("SELECT 1", 0, null),
                request("SELECT 1", null, 61),
                request("SELECT 1", null, 0),
                request(null, null, null))) {
            HttpResponse<String> response = http.send(bad, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(bad.toString()).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("awsErrorType").asString())
                    .isEqualTo("ValidationException");
        }
        HttpResponse<String> atTheBounds =
                http.send(request("SELECT 42 AS answer", 10_000, 60), HttpResponse.BodyHandlers.ofString());
        assertThat(atTheBounds.statusCode()).as(atTheBounds.body()).isEqualTo(200);
        assertThat(atTheBounds.body())
                .contains("{\"kind\":\"+I\",\"row\":{\"answer\":42}}")
                .contains("END_OF_DATA");
    }
}
