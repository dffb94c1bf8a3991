package dev.shardline.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.TestS3;
import dev.shardline.analytics.connector.TestStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Checkpoints and snapshots on the object store: Flink's {@code flink-s3-fs-hadoop}, loaded as a plugin from the
 * directory the build lays out ({@code target/flink-plugins}), against a real S3 API (S3Proxy); one MiniCluster for the
 * class.
 */
@Disabled(
        "Red, not done: with S3A directory markers kept (needed so stop-with-snapshot does not retry bulk deletes against"
                + " S3Proxy for minutes) the newest checkpoint is not found on the object store; issue #11, s3:// checkpoints")
class S3CheckpointsTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String BUCKET = "flink-state";

    private static EmbeddedKafkaKraftBroker broker;
    private static TestStreams streams;
    private static EmbeddedFlinkEngine engine;
    private static S3Client s3;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        streams = new TestStreams(broker.getBrokersAsString());
        s3 = TestS3.client();
        s3.createBucket(r -> r.bucket(BUCKET));
        FlinkFileSystems.initialize(
                Optional.of(Path.of("target", "flink-plugins")),
                new FlinkFileSystems.ObjectStore(TestS3.endpoint(), "us-east-1", "test", "test", true));
        engine = new EmbeddedFlinkEngine(
                new FlinkEngineProperties(
                        4,
                        2,
                        DataSize.ofMegabytes(64),
                        DataSize.ofMegabytes(64),
                        0,
                        Duration.ofSeconds(1),
                        work.resolve("engine"),
                        false,
                        "localhost",
                        0),
                streams.catalog(),
                null,
                streams.kafka());
    }

    @AfterAll
    static void stop() {
        engine.destroy();
        streams.close();
        broker.destroy();
        // Flink's file systems are a JVM-wide setting: the next test class gets the defaults back.
        FileSystem.initialize(new Configuration(), null);
    }

    @Test
    void checkpointsAreObjectsInTheBucketAndASnapshotThereRestoresARunningCount() throws Exception {
        String events = streams.create("s3-events", 1);
        String running = streams.create("s3-running-counts", 1);
        String sql = "CREATE TABLE events (k STRING, pt AS PROCTIME()) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                + events + "', 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');\n"
                + "CREATE TABLE running_counts (k STRING, cnt BIGINT) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                + running + "', 'format' = 'json');\n"
                + "INSERT INTO running_counts SELECT k, COUNT(*) OVER (PARTITION BY k ORDER BY pt"
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM events;";
        String checkpoints = "s3://" + BUCKET + "/apps/running-count";
        for (int i = 0; i < 3; i++) {
            streams.put(events, "a", "{\"k\":\"a\"}");
        }
        JobId first = engine.submit(spec(sql, checkpoints, Optional.empty()));
        await().atMost(WAIT).until(() -> streams.data(running).size() == 3);

        await().atMost(WAIT)
                .until(() -> keys("apps/running-count/").stream()
                        .anyMatch(key -> key.matches("apps/running-count/\\w+/chk-\\d+/_metadata")));
        assertThat(engine.latestCheckpoint(checkpoints))
                .hasValueSatisfying(
                        latest -> assertThat(latest).matches("s3://" + BUCKET + "/apps/running-count/\\w+/chk-\\d+"));

        String snapshot = engine.stopWithSnapshot(first).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(snapshot).startsWith("s3://" + BUCKET + "/apps/running-count-snapshots/");
        assertThat(keys("apps/running-count-snapshots/")).anyMatch(key -> key.endsWith("/_metadata"));

        streams.put(events, "a", "{\"k\":\"a\"}");
        streams.put(events, "a", "{\"k\":\"a\"}");
        JobId second = engine.submit(spec(sql, checkpoints, Optional.of(snapshot)));
        await().atMost(WAIT).until(() -> streams.data(running).size() == 5);
        assertThat(streams.data(running).subList(3, 5))
                .containsExactly("{\"k\":\"a\",\"cnt\":4}", "{\"k\":\"a\",\"cnt\":5}");
        engine.cancel(second).get(30, TimeUnit.SECONDS);
    }

    private static JobSpec spec(String sql, String checkpoints, Optional<String> restoreFrom) {
        return new JobSpec(
                "running-count",
                TestStreams.ACCOUNT,
                TestStreams.REGION,
                new JobSpec.Sql(sql),
                Map.of(),
                1,
                new JobSpec.Checkpointing(true, Duration.ofMillis(500), Duration.ofMillis(100)),
                checkpoints,
                restoreFrom,
                false);
    }

    /** The bucket's object keys under a prefix (S3Proxy's filesystem backend also lists "directories": left out). */
    private static List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                .filter(o -> !o.key().endsWith("/"))
                .map(S3Object::key)
                .toList();
    }
}
