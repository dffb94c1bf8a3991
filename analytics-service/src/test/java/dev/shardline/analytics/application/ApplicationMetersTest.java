package dev.shardline.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.connector.TestStreams;
import dev.shardline.analytics.engine.EmbeddedFlinkEngine;
import dev.shardline.analytics.engine.FlinkEngineProperties;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.analytics.engine.JobSpec;
import dev.shardline.analytics.engine.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.unit.DataSize;

/**
 * The Application-level meters of real jobs in the embedded engine (one MiniCluster for the class, a real KRaft
 * broker): what the engine reads from Flink, published under AWS's names with the application tag.
 */
class ApplicationMetersTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private static EmbeddedKafkaKraftBroker broker;
    private static TestStreams streams;
    private static EmbeddedFlinkEngine engine;

    @TempDir
    static Path work;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ApplicationMeters meters = new ApplicationMeters(registry);

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        streams = new TestStreams(broker.getBrokersAsString());
        engine = new EmbeddedFlinkEngine(
                new FlinkEngineProperties(
                        4,
                        2,
                        DataSize.ofMegabytes(64),
                        DataSize.ofMegabytes(64),
                        1,
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
    }

    private static JobSpec sqlSpec(String name, String sql) {
        return new JobSpec(
                name,
                TestStreams.ACCOUNT,
                TestStreams.REGION,
                new JobSpec.Sql(sql),
                Map.of(),
                1,
                new JobSpec.Checkpointing(true, Duration.ofMillis(500), Duration.ofMillis(100)),
                work.resolve("checkpoints").resolve(name).toUri().toString(),
                Optional.empty(),
                false);
    }

    private static String source(String table, String arn) {
        return "CREATE TABLE " + table + " (k STRING, n BIGINT) WITH ('connector' = 'kinesis', 'stream.arn' = '" + arn
                + "', 'aws.region' = 'us-east-1', 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');\n";
    }

    private double gauge(String name, String application) {
        Gauge gauge = registry.find(ApplicationMeters.PREFIX + name)
                .tag(ApplicationMeters.TAG, application)
                .gauge();
        assertThat(gauge).as(name + " of " + application).isNotNull();
        return gauge.value();
    }

    /** Publishes the job's metrics as the refresher does, then tells whether {@code check} holds. */
    private boolean published(String application, JobId job, java.util.function.BooleanSupplier check) {
        engine.metrics(job).ifPresent(metrics -> meters.publish(application, metrics));
        return registry.find(ApplicationMeters.PREFIX + "uptime")
                                .tag(ApplicationMeters.TAG, application)
                                .gauge()
                        != null
                && check.getAsBoolean();
    }

    @Test
    void aRunningSqlApplicationShowsRecordsInAndOutCheckpointsAndUptimeUnderItsName() throws Exception {
        String input = streams.create("metered-in", 1);
        String output = streams.create("metered-out", 1);
        for (int i = 0; i < 20; i++) {
            streams.put(input, "k" + i, "{\"k\":\"k" + i + "\",\"n\":" + i + "}");
        }
        String sql = source("input", input)
                + "CREATE TABLE output (k STRING, n BIGINT) WITH ('connector' = 'kinesis', 'stream.arn' = '" + output
                + "', 'aws.region' = 'us-east-1', 'format' = 'json');\n"
                + "INSERT INTO output SELECT k, n * 2 FROM input WHERE n >= 0;";
        JobId job = engine.submit(sqlSpec("metered", sql));
        await().atMost(WAIT).until(() -> engine.status(job).state() == JobStatus.State.RUNNING);
        await().atMost(WAIT).until(() -> streams.data(output).size() >= 20);

        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> published(
                        "metered",
                        job,
                        () -> gauge("numRecordsInPerSecond", "metered") > 0
                                && gauge("numRecordsOutPerSecond", "metered") > 0
                                && gauge("lastCheckpointDuration", "metered") >= 0
                                && gauge("lastCheckpointSize", "metered") > 0
                                // The kinesis source's readers have read all 20 records: at the tip.
                                && gauge("millisBehindLatest", "metered") == 0));
        assertThat(gauge("uptime", "metered")).isPositive();
        assertThat(gauge("downtime", "metered")).isZero();
        assertThat(gauge("fullRestarts", "metered")).isZero();
        // Checkpoints every 500 ms with a 100 ms timeout may fail while tasks start: Flink's count, whatever it is.
        assertThat(gauge("numberOfFailedCheckpoints", "metered")).isGreaterThanOrEqualTo(0);

        meters.retainOnly(Set.of());
        assertThat(registry.find(ApplicationMeters.PREFIX + "uptime").gauges()).isEmpty();
        engine.cancel(job).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aJobThatFailsCountsItsRestartAndEndsWithUptimeAndDowntimeMinusOne() throws Exception {
        String broken = streams.create("metered-broken", 1);
        streams.put(broken, "x", "this is not json");
        String sql = source("input", broken)
                + "CREATE TABLE sink (k STRING) WITH ('connector' = 'blackhole');\n"
                + "INSERT INTO sink SELECT k FROM input;";
        JobId job = engine.submit(sqlSpec("failing", sql));

        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> published("failing", job, () -> gauge("fullRestarts", "failing") >= 1));
        await().atMost(WAIT).until(() -> engine.status(job).state() == JobStatus.State.FAILED);
        meters.publish("failing", engine.metrics(job).orElseThrow());
        assertThat(gauge("fullRestarts", "failing")).isEqualTo(1);
        assertThat(gauge("numRestarts", "failing")).isEqualTo(1);
        assertThat(gauge("uptime", "failing")).isEqualTo(-1);
        assertThat(gauge("downtime", "failing")).isEqualTo(-1);
    }
}
