package dev.shardline.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.connector.TestStreams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.unit.DataSize;

/**
 * What a restart of the runtime does for a running application: the engine (and its MiniCluster) goes away mid-job,
 * a new one finds the newest retained checkpoint and resumes from it, and a window count written exactly once through
 * Kafka transactions has every window once. Two MiniClusters, one after the other: the point of the test.
 */
class EngineRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private static EmbeddedKafkaKraftBroker broker;
    private static TestStreams streams;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(
                Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        streams = new TestStreams(broker.getBrokersAsString());
    }

    @AfterAll
    static void stop() {
        streams.close();
        broker.destroy();
    }

    private static EmbeddedFlinkEngine engine() {
        return new EmbeddedFlinkEngine(
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

    @Test
    void aNewEngineResumesFromTheNewestRetainedCheckpointAndEveryWindowIsWrittenOnce() throws Exception {
        String clicks = streams.create("clicks", 1);
        String topic = "click-counts-exactly-once";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String checkpoints = work.resolve("checkpoints/click-counter").toUri().toString();
        String sql = "CREATE TABLE clicks (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ("
                + "'connector' = 'kinesis', 'stream.arn' = '" + clicks + "', 'source.init.position' = 'TRIM_HORIZON',"
                + " 'format' = 'json');\n"
                + "CREATE TABLE counts (k STRING, window_start TIMESTAMP(3), cnt BIGINT) WITH ('connector' = 'kafka',"
                + " 'topic' = '" + topic + "', 'properties.bootstrap.servers' = '" + broker.getBrokersAsString()
                + "', 'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once',"
                + " 'sink.transactional-id-prefix' = 'click-counter', 'properties.transaction.timeout.ms' = '600000');\n"
                + "INSERT INTO counts SELECT k, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks,"
                + " DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY k, window_start, window_end;";
        JobSpec spec = new JobSpec(
                "click-counter",
                TestStreams.ACCOUNT,
                TestStreams.REGION,
                new JobSpec.Sql(sql),
                Map.of(),
                1,
                new JobSpec.Checkpointing(true, Duration.ofMillis(300), Duration.ofMillis(100)),
                checkpoints,
                Optional.empty(),
                false);
        put(clicks, "10:00:01", "10:00:02", "10:01:05", "10:02:00");

        EmbeddedFlinkEngine first = engine();
        first.submit(spec);
        await().atMost(WAIT).until(() -> committed(topic).size() == 2);
        first.destroy(); // the runtime goes away mid-job, its checkpoints stay on disk

        put(clicks, "10:02:30", "10:02:59", "10:04:00");
        EmbeddedFlinkEngine second = engine();
        try {
            Optional<String> latest = second.latestCheckpoint(checkpoints);
            assertThat(latest).isPresent();
            JobId resumed = second.submit(new JobSpec(
                    spec.applicationName(),
                    spec.accountId(),
                    spec.region(),
                    spec.code(),
                    Map.of(),
                    1,
                    spec.checkpointing(),
                    checkpoints,
                    latest,
                    false));

            await().atMost(WAIT).until(() -> committed(topic).size() >= 3);
            assertThat(committed(topic))
                    .containsExactlyInAnyOrder(
                            "{\"k\":\"a\",\"window_start\":\"2026-12-03 10:00:00\",\"cnt\":2}",
                            "{\"k\":\"a\",\"window_start\":\"2026-12-03 10:01:00\",\"cnt\":1}",
                            "{\"k\":\"a\",\"window_start\":\"2026-12-03 10:02:00\",\"cnt\":3}");
            assertThat(second.status(resumed).state()).isEqualTo(JobStatus.State.RUNNING);
        } finally {
            second.destroy();
        }
    }

    private static void put(String arn, String... times) throws Exception {
        for (String time : times) {
            streams.put(arn, "a", "{\"k\":\"a\",\"ts\":\"2026-12-03 " + time + "\"}");
        }
    }

    private static List<String> committed(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        broker.getBrokersAsString(),
                        "isolation.level",
                        "read_committed",
                        "enable.auto.commit",
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }
}
