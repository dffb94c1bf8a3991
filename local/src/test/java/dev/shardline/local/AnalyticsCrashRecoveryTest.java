package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Managed Flink through a {@code kill -9} of the whole all-in-one runtime (a separate process: Flink, the control
 * plane, PostgreSQL, Kafka and the S3 endpoint all die at once): a SQL application counts records per one-second
 * tumbling window from a {@code kinesis} source into Flink's file sink, which is exactly-once (files are committed
 * when a checkpoint completes). Killed while windows are still being counted, then started again on the same data
 * directory, the application is resumed from its latest checkpoint and every window's count is in the output exactly
 * once and equals what was put.
 */
class AnalyticsCrashRecoveryTest {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("AKIDEXAMPLE", "x");
    private static final String APPLICATION = "window-counts";
    private static final String STREAM = "clicks";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void everyWindowIsInTheExactlyOnceOutputOnceAfterAKill9MidJob() throws Exception {
        int port = freePort();
        int s3Port = freePort();
        Path output = dataDir.resolve("window-counts");
        process = start(port, s3Port);
        KinesisClient kinesis = kinesis(port);
        KinesisAnalyticsV2Client analytics = analytics(port);
        kinesis.createStream(r -> r.streamName(STREAM).shardCount(1));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName(STREAM))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
        analytics.createApplication(r -> r.applicationName(APPLICATION)
                .runtimeEnvironment("FLINK-2_2")
                .serviceExecutionRole("arn:aws:iam::000000000000:role/flink")
                .applicationConfiguration(c -> c.applicationCodeConfiguration(
                                code -> code.codeContentType(CodeContentType.PLAINTEXT)
                                        .codeContent(content -> content.textContent(sql(output))))
                        .flinkApplicationConfiguration(
                                f -> f.checkpointConfiguration(cp -> cp.configurationType(ConfigurationType.CUSTOM)
                                        .checkpointingEnabled(true)
                                        .checkpointInterval(1_000L)
                                        .minPauseBetweenCheckpoints(200L)))));
        analytics.startApplication(r -> r.applicationName(APPLICATION));
        awaitRunning(analytics);

        Map<String, Long> put = new LinkedHashMap<>();
        for (int window = 0; window < 10; window++) {
            putWindow(kinesis, window, put);
        }
        // Some windows are committed: checkpoints complete and the job is well under way.
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> committed(output).size() >= 3);
        for (int window = 10; window < 15; window++) {
            putWindow(kinesis, window, put);
        }
        int committedAtKill = committed(output).size();
        process.destroyForcibly().waitFor();

        process = start(port, s3Port);
        KinesisClient restartedKinesis = kinesis(port);
        KinesisAnalyticsV2Client restartedAnalytics = analytics(port);
        awaitRunning(restartedAnalytics);
        for (int window = 15; window < 20; window++) {
            putWindow(restartedKinesis, window, put);
        }
        // A record of a later window moves the watermark past window 19, which then closes.
        putWindow(restartedKinesis, 40, new LinkedHashMap<>());

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        committed(output).stream().anyMatch(row -> row.window().equals(windowStart(19))));
        List<Row> rows = committed(output);
        Map<String, Long> counted = new LinkedHashMap<>();
        rows.forEach(row -> counted.merge(row.window(), row.clicks(), Long::sum));
        assertThat(rows)
                .as("one row per window (%d windows were committed at the kill), rows %s", committedAtKill, rows)
                .hasSize(put.size());
        assertThat(counted).containsExactlyInAnyOrderEntriesOf(put);
        restartedAnalytics.stopApplication(r -> r.applicationName(APPLICATION).force(true));
    }

    private static String sql(Path output) {
        return """
                CREATE TABLE clicks (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (
                  'connector' = 'kinesis', 'stream.arn' = 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks',
                  'aws.region' = 'us-east-1', 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');
                CREATE TABLE window_counts (window_start STRING, clicks BIGINT) WITH (
                  'connector' = 'filesystem', 'path' = '%s', 'format' = 'json',
                  'sink.rolling-policy.rollover-interval' = '1 s', 'sink.rolling-policy.check-interval' = '1 s');
                INSERT INTO window_counts
                  SELECT DATE_FORMAT(window_start, 'HH:mm:ss'), COUNT(*)
                  FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' SECOND))
                  GROUP BY window_start, window_end;
                """.formatted(output.toUri());
    }

    /** Puts window {@code window}'s records (a count of its own) in one PutRecords call, all acknowledged. */
    private static void putWindow(KinesisClient kinesis, int window, Map<String, Long> put) {
        int count = 20 + (window % 7) * 10;
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String ts = "2026-12-03 10:%02d:%02d.%03d".formatted(window / 60, window % 60, i * 5);
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey("key-" + i)
                    .data(SdkBytes.fromUtf8String("{\"id\":\"" + window + "-" + i + "\",\"ts\":\"" + ts + "\"}"))
                    .build());
        }
        assertThat(kinesis.putRecords(r -> r.streamName(STREAM).records(entries))
                        .failedRecordCount())
                .isZero();
        put.put(windowStart(window), (long) count);
    }

    private static String windowStart(int window) {
        return "10:%02d:%02d".formatted(window / 60, window % 60);
    }

    record Row(String window, long clicks) {}

    /**
     * The rows of the committed part files. Files still in progress or pending commit are hidden (their names start
     * with a dot), as Flink's file sink names them; readers of its output skip them.
     */
    private static List<Row> committed(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        JsonNode row = JSON.readTree(line);
                        rows.add(new Row(
                                row.get("window_start").asString(),
                                row.get("clicks").asLong()));
                    }
                }
            }
        }
        return rows;
    }

    private static void awaitRunning(KinesisAnalyticsV2Client analytics) {
        await().atMost(STARTUP)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> analytics
                                .describeApplication(r -> r.applicationName(APPLICATION))
                                .applicationDetail()
                                .applicationStatus()
                        == ApplicationStatus.RUNNING);
    }

    private Process start(int port, int s3Port) throws IOException {
        return LaunchedRuntime.start(
                dataDir,
                port,
                STARTUP,
                List.of(
                        "-Xmx1g",
                        "--add-opens",
                        "java.base/java.util=ALL-UNNAMED",
                        "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED"),
                "--shardline.s3.port=" + s3Port);
    }

    private static KinesisClient kinesis(int port) {
        return KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static KinesisAnalyticsV2Client analytics(int port) {
        return KinesisAnalyticsV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
