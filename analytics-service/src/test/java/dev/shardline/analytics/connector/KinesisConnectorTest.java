package dev.shardline.analytics.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.engine.EmbeddedFlinkEngine;
import dev.shardline.analytics.engine.FlinkEngineProperties;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.analytics.engine.JobSpec;
import dev.shardline.analytics.engine.JobStatus;
import dev.shardline.keys.DataKeys;
import dev.shardline.keys.FakeKeyService;
import dev.shardline.keys.KmsProperties;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.SequenceNumber;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.unit.DataSize;

/**
 * The {@code kinesis} connector in SQL applications on the embedded engine, against a real KRaft broker: resharding
 * is followed in lineage order, and Flink's own Kafka connector writes exactly once beside it and from one Kafka topic
 * to another.
 */
class KinesisConnectorTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern ROW = Pattern.compile("\\{\"k\":\"(\\w+)\",\"seq\":(\\d+)}");

    private static EmbeddedKafkaKraftBroker broker;
    private static TestStreams streams;
    private static EmbeddedFlinkEngine engine;
    private static final FakeKeyService keyService = new FakeKeyService();
    private static DataKeys dataKeys;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(
                Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        dataKeys = new DataKeys(
                keyService,
                new KmsProperties(
                        KmsProperties.Provider.LOCAL,
                        null,
                        Duration.ofMinutes(5),
                        1_000_000,
                        100,
                        new KmsProperties.Aws(null, null)),
                Clock.systemUTC());
        streams = new TestStreams(broker.getBrokersAsString(), dataKeys);
        engine = new EmbeddedFlinkEngine(
                new FlinkEngineProperties(
                        8,
                        4,
                        DataSize.ofMegabytes(64),
                        DataSize.ofMegabytes(64),
                        0,
                        Duration.ofSeconds(1),
                        work.resolve("engine"),
                        false,
                        "localhost",
                        0),
                streams.catalog(),
                dataKeys,
                streams.kafka());
    }

    @AfterAll
    static void stop() {
        engine.destroy();
        streams.close();
        broker.destroy();
    }

    private static JobSpec spec(String name, String sql, boolean checkpoints) {
        return new JobSpec(
                name,
                TestStreams.ACCOUNT,
                TestStreams.REGION,
                new JobSpec.Sql(sql),
                Map.of(),
                1,
                new JobSpec.Checkpointing(checkpoints, Duration.ofMillis(500), Duration.ofMillis(100)),
                work.resolve("checkpoints").resolve(name).toUri().toString(),
                Optional.empty(),
                false);
    }

    @Test
    void childShardsAreReadOnlyAfterTheirParentsSoEachKeyKeepsItsPutOrderAcrossSplits() throws Exception {
        String orders = streams.create("orders", 1);
        String ordered = streams.create("ordered", 1);
        Map<String, Integer> seq = new HashMap<>();
        // Before the job: the parent's records, a split, late writes by the old map, the children's records.
        putEach(orders, seq, 300, null);
        streams.split(orders, 0);
        putEach(orders, seq, 50, 0);
        putEach(orders, seq, 300, null);
        streams.fixEnd(orders, 0);

        String sql = "CREATE TABLE orders (k STRING, seq INT) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                + orders
                + "', 'aws.region' = 'us-east-1', 'source.init.position' = 'TRIM_HORIZON',"
                + " 'source.shard.discovery.interval' = '500 ms', 'format' = 'json');\n"
                + "CREATE TABLE ordered (k STRING, seq INT) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                + ordered + "', 'format' = 'json');\n"
                + "INSERT INTO ordered SELECT k, seq FROM orders;";
        JobId job = engine.submit(spec("order-keeper", sql, false));
        await().atMost(WAIT).until(() -> streams.data(ordered).size() == 650);
        assertInPutOrder(streams.data(ordered), seq);

        // While it runs: child 1 is split in turn; its late writes and its children's are read, in order.
        streams.split(orders, 1);
        putEach(orders, seq, 20, 1);
        putEach(orders, seq, 200, null);
        streams.fixEnd(orders, 1);

        await().atMost(WAIT).until(() -> streams.data(ordered).size() == 870);
        assertInPutOrder(streams.data(ordered), seq);
        assertThat(engine.status(job).state()).isEqualTo(JobStatus.State.RUNNING);

        // Stopped with a snapshot and restored: finished parents stay finished, the open shards go on where they were.
        String snapshot = engine.stopWithSnapshot(job).get(60, TimeUnit.SECONDS);
        putEach(orders, seq, 100, null);
        JobSpec first = spec("order-keeper", sql, false);
        JobId restored = engine.submit(new JobSpec(
                first.applicationName(),
                first.accountId(),
                first.region(),
                first.code(),
                Map.of(),
                1,
                first.checkpointing(),
                first.checkpointDirectory(),
                Optional.of(snapshot),
                false));
        await().atMost(WAIT).until(() -> streams.data(ordered).size() >= 970);
        assertThat(streams.data(ordered)).hasSize(970);
        assertInPutOrder(streams.data(ordered), seq);
        engine.cancel(restored).get(30, TimeUnit.SECONDS);
    }

    @Test
    void anEncryptedStreamIsReadDecryptedAndWrittenSealedUnderTheOutputStreamsKey() throws Exception {
        String secrets = streams.create("secrets", 2);
        String sealed = streams.create("sealed", 2);
        streams.encrypt(secrets, "alias/input");
        streams.encrypt(sealed, "alias/output");
        for (int i = 0; i < 10; i++) {
            streams.put(secrets, "key-" + i, "{\"k\":\"key-" + i + "\",\"seq\":" + i + "}");
        }

        JobId job = engine.submit(spec(
                "secret-copier",
                "CREATE TABLE secrets (k STRING, seq INT) WITH ('connector' = 'kinesis', 'stream.arn' = '" + secrets
                        + "', 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');\n"
                        + "CREATE TABLE sealed (k STRING, seq INT) PARTITIONED BY (k) WITH ('connector' = 'kinesis',"
                        + " 'stream.arn' = '" + sealed + "', 'format' = 'json');\n"
                        + "INSERT INTO sealed SELECT k, seq + 100 FROM secrets;",
                false));

        await().atMost(WAIT).until(() -> streams.data(sealed).size() == 10);
        assertThat(streams.data(sealed)).hasSize(10).allMatch(row -> row.matches(".*\"seq\":1\\d\\d}"));
        assertThat(streams.records(sealed)).allSatisfy(record -> {
            assertThat(RecordEnvelope.isEncrypted(record)).isTrue();
            assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain("seq");
        });
        engine.cancel(job).get(30, TimeUnit.SECONDS);
    }

    @Test
    void metadataColumnsGiveEachRecordsShardIdSequenceNumberAndArrivalTime() throws Exception {
        String input = streams.create("with-metadata", 1);
        String output = streams.create("metadata-seen", 1);
        for (int i = 0; i < 3; i++) {
            streams.put(input, "key", "{\"k\":\"r" + i + "\"}");
        }

        JobId job = engine.submit(spec(
                "metadata-reader",
                "CREATE TABLE input (k STRING, arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,"
                        + " shard VARCHAR(128) NOT NULL METADATA FROM 'shard-id' VIRTUAL,"
                        + " seq VARCHAR(128) NOT NULL METADATA FROM 'sequence-number' VIRTUAL) WITH ("
                        + "'connector' = 'kinesis', 'stream.arn' = '" + input + "',"
                        + " 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');\n"
                        + "CREATE TABLE output (k STRING, shard STRING, seq STRING, arrived BIGINT) WITH ("
                        + "'connector' = 'kinesis', 'stream.arn' = '" + output + "', 'format' = 'json');\n"
                        + "INSERT INTO output SELECT k, shard, seq, UNIX_TIMESTAMP(CAST(arrival AS STRING))"
                        + " FROM input;",
                false));

        await().atMost(WAIT).until(() -> streams.data(output).size() == 3);
        List<ConsumerRecord<byte[], byte[]>> put = streams.records(input);
        Pattern row = Pattern.compile("\\{\"k\":\"r(\\d)\",\"shard\":\"(.+)\",\"seq\":\"(\\d+)\",\"arrived\":(\\d+)}");
        for (String seen : streams.data(output)) {
            Matcher m = row.matcher(seen);
            assertThat(m.matches()).as(seen).isTrue();
            int i = Integer.parseInt(m.group(1));
            assertThat(m.group(2)).isEqualTo("shardId-000000000000");
            SequenceNumber sequence = SequenceNumber.parse(m.group(3)).orElseThrow();
            assertThat(sequence.shardIndex()).isZero();
            assertThat(sequence.offset()).isEqualTo(put.get(i).offset());
            assertThat(sequence.arrivalSeconds()).isEqualTo(put.get(i).timestamp() / 1000);
            assertThat(Long.parseLong(m.group(4))).isPositive();
        }
        engine.cancel(job).get(30, TimeUnit.SECONDS);
    }

    @Test
    void twoEnginesInOneJvmEachPlanAgainstTheirOwnStreams() throws Exception {
        String mine = streams.create("mine", 1);
        String sql = "CREATE TABLE s (k STRING) WITH ('connector' = 'kinesis', 'stream.arn' = '" + mine
                + "', 'format' = 'json');\nCREATE TABLE x (k STRING) WITH ('connector' = 'blackhole');\n"
                + "INSERT INTO x SELECT k FROM s;";
        EmbeddedFlinkEngine other = new EmbeddedFlinkEngine(
                new FlinkEngineProperties(
                        1,
                        1,
                        DataSize.ofMegabytes(64),
                        DataSize.ofMegabytes(64),
                        0,
                        Duration.ofSeconds(1),
                        work,
                        false,
                        "localhost",
                        0),
                arn -> Optional.empty(),
                null,
                streams.kafka());
        try {
            engine.validate(spec("mine", sql, false));
            assertThatThrownBy(() -> other.validate(spec("mine", sql, false)))
                    .isInstanceOfSatisfying(
                            AwsException.class,
                            e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.RESOURCE_NOT_FOUND));
            assertThat(other.clusterStartTime()).isEmpty();
        } finally {
            other.destroy();
        }
    }

    @Test
    void aSourceOfParallelismTwoSpreadsTheShardsOverItsReadersAndReadsThemAll() throws Exception {
        String wide = streams.create("wide", 4);
        String merged = streams.create("merged", 1);
        for (int i = 0; i < 100; i++) {
            streams.put(wide, "key-" + i, "{\"k\":\"key-" + i + "\",\"seq\":" + i + "}");
        }
        JobSpec one = spec(
                "wide-reader",
                "CREATE TABLE wide (k STRING, seq INT) WITH ('connector' = 'kinesis', 'stream.arn' = '" + wide
                        + "', 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');\n"
                        + "CREATE TABLE merged (k STRING, seq INT) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                        + merged + "', 'format' = 'json');\nINSERT INTO merged SELECT k, seq FROM wide;",
                false);
        JobId job = engine.submit(new JobSpec(
                one.applicationName(),
                one.accountId(),
                one.region(),
                one.code(),
                Map.of(),
                2,
                one.checkpointing(),
                one.checkpointDirectory(),
                Optional.empty(),
                false));

        await().atMost(WAIT).until(() -> streams.data(merged).size() == 100);
        assertThat(streams.data(merged)).doesNotHaveDuplicates();
        engine.cancel(job).get(30, TimeUnit.SECONDS);
    }

    @Test
    void atTimestampStartsWithTheFirstRecordThatArrivedAtOrAfterIt() throws Exception {
        String history = streams.create("history", 2);
        String recent = streams.create("recent", 1);
        for (int i = 0; i < 5; i++) {
            streams.put(history, "old-" + i, "{\"k\":\"old-" + i + "\",\"seq\":" + i + "}");
        }
        Instant from = Instant.now().plusMillis(1);
        await().until(() -> Instant.now().isAfter(from));
        for (int i = 0; i < 5; i++) {
            streams.put(history, "new-" + i, "{\"k\":\"new-" + i + "\",\"seq\":" + i + "}");
        }
        String timestamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                .withZone(ZoneOffset.UTC)
                .format(from);

        JobId job = engine.submit(spec(
                "from-timestamp",
                "CREATE TABLE history (k STRING, seq INT) WITH ('connector' = 'kinesis', 'stream.arn' = '" + history
                        + "', 'source.init.position' = 'AT_TIMESTAMP', 'source.init.timestamp' = '" + timestamp
                        + "', 'format' = 'json');\n"
                        + "CREATE TABLE recent (k STRING, seq INT) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                        + recent + "', 'format' = 'json');\nINSERT INTO recent SELECT k, seq FROM history;",
                false));

        await().atMost(WAIT).until(() -> streams.data(recent).size() >= 5);
        assertThat(streams.data(recent)).hasSize(5).allMatch(row -> row.contains("\"new-"));
        engine.cancel(job).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aWindowOverTwoShardsReadOneAheadOfTheOtherCountsEveryRecordBecauseEachShardKeepsItsOwnWatermark()
            throws Exception {
        String clicks = streams.create("skewed-clicks", 2);
        String counts = streams.create("skewed-counts", 1);
        // Both shards hold the same 25 s of event time, 100 records a second each; the reader's first fetch returns
        // most of one shard before any of the other, so a single watermark would run 20 s ahead of the second shard.
        long base = 1_764_000_000_000L;
        for (int partition = 0; partition < 2; partition++) {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                rows.add("{\"ts\":" + (base + i * 10L) + "}");
            }
            rows.add("{\"ts\":" + (base + 100_000) + "}"); // closes every window
            streams.putAll(clicks, partition, rows);
        }
        JobId job = engine.submit(spec(
                "skewed-windows",
                "CREATE TABLE clicks (ts BIGINT, rt AS TO_TIMESTAMP_LTZ(ts, 3), WATERMARK FOR rt AS rt) WITH ("
                        + "'connector' = 'kinesis', 'stream.arn' = '" + clicks + "',"
                        + " 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');\n"
                        + "CREATE TABLE counts (w BIGINT, cnt BIGINT) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                        + counts + "', 'format' = 'json');\n"
                        + "INSERT INTO counts SELECT MIN(ts), COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(rt),"
                        + " INTERVAL '1' SECOND)) GROUP BY window_start, window_end;",
                false));

        await().atMost(WAIT).until(() -> streams.data(counts).size() >= 25);
        assertThat(streams.data(counts))
                .hasSize(25)
                .allSatisfy(row -> assertThat(row).endsWith("\"cnt\":200}"));
        engine.cancel(job).get(30, TimeUnit.SECONDS);
    }

    /** Puts {@code count} records over ten keys, each key's numbered on; into {@code partition}, or routed. */
    private static void putEach(String arn, Map<String, Integer> seq, int count, Integer partition) throws Exception {
        for (int i = 0; i < count; i++) {
            String key = "k" + (i % 10);
            int next = seq.merge(key, 1, Integer::sum) - 1;
            String data = "{\"k\":\"" + key + "\",\"seq\":" + next + "}";
            if (partition == null) {
                streams.put(arn, key, data);
            } else {
                streams.putLate(arn, partition, key, data);
            }
        }
    }

    private static void assertInPutOrder(List<String> rows, Map<String, Integer> seq) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (String row : rows) {
            Matcher m = ROW.matcher(row);
            assertThat(m.matches()).as(row).isTrue();
            byKey.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
        }
        byKey.forEach((key, seen) ->
                assertThat(seen).as("records of %s", key).isSorted().doesNotHaveDuplicates());
    }

    @Test
    void aKafkaSinkWithExactlyOnceWritesEachWindowOnceBesideTheKinesisSource() throws Exception {
        String views = streams.create("views", 1);
        String topic = "view-counts";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        for (String[] view :
                new String[][] {{"p1", "10:00:01"}, {"p1", "10:00:02"}, {"p2", "10:00:03"}, {"z", "10:03:00"}}) {
            streams.put(views, view[0], "{\"page\":\"" + view[0] + "\",\"ts\":\"2026-12-03 " + view[1] + "\"}");
        }
        JobId job = engine.submit(spec(
                "view-counter",
                "CREATE TABLE page_views (page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ("
                        + "'connector' = 'kinesis', 'stream.arn' = '" + views + "', 'aws.region' = 'us-east-1',"
                        + " 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');\n"
                        + "CREATE TABLE counts (page STRING, window_start TIMESTAMP(3), cnt BIGINT) WITH ("
                        + "'connector' = 'kafka', 'topic' = '" + topic + "', 'properties.bootstrap.servers' = '"
                        + broker.getBrokersAsString() + "', 'format' = 'json',"
                        + " 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'views',"
                        // Flink's default of 1 h is above the broker's default transaction.max.timeout.ms (15 min).
                        + " 'properties.transaction.timeout.ms' = '600000');\n"
                        + "INSERT INTO counts SELECT page, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE page_views,"
                        + " DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY page, window_start, window_end;",
                true));

        await().atMost(WAIT)
                .until(() -> committed(topic).size() >= 2 || engine.status(job).state() == JobStatus.State.FAILED);
        assertThat(engine.status(job).failure()).isEmpty();
        assertThat(committed(topic))
                .containsExactlyInAnyOrder(
                        "{\"page\":\"p1\",\"window_start\":\"2026-12-03 10:00:00\",\"cnt\":2}",
                        "{\"page\":\"p2\",\"window_start\":\"2026-12-03 10:00:00\",\"cnt\":1}");
        engine.cancel(job).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aSqlJobFromOneKafkaTopicToAnotherDeliversEachRowOnceThroughACancelAndARestoreFromItsCheckpoint()
            throws Exception {
        String in = "orders";
        String out = "orders-doubled";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            admin.createTopics(List.of(new NewTopic(in, 2, (short) 1), new NewTopic(out, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        String sql = "CREATE TABLE orders (id INT, amount INT) WITH ('connector' = 'kafka', 'topic' = '" + in + "',"
                + " 'properties.bootstrap.servers' = '" + broker.getBrokersAsString() + "',"
                + " 'properties.group.id' = 'orders-doubler', 'scan.startup.mode' = 'earliest-offset',"
                + " 'format' = 'json');\n"
                + "CREATE TABLE doubled (id INT, doubled INT) WITH ('connector' = 'kafka', 'topic' = '" + out + "',"
                + " 'properties.bootstrap.servers' = '" + broker.getBrokersAsString() + "', 'format' = 'json',"
                + " 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'orders-doubler',"
                + " 'properties.transaction.timeout.ms' = '600000');\n"
                + "INSERT INTO doubled SELECT id, amount * 2 FROM orders;";
        String checkpoints =
                work.resolve("checkpoints").resolve("orders-doubler").toUri().toString();
        // Checkpoints far apart: rows written after one sit in an open transaction long enough to be cut off there.
        JobSpec.Checkpointing every5s = new JobSpec.Checkpointing(true, Duration.ofSeconds(5), Duration.ofSeconds(1));
        JobSpec first = new JobSpec(
                "orders-doubler",
                TestStreams.ACCOUNT,
                TestStreams.REGION,
                new JobSpec.Sql(sql),
                Map.of(),
                1,
                every5s,
                checkpoints,
                Optional.empty(),
                false);

        produce(in, 1, 50);
        JobId job = engine.submit(first);
        await().atMost(WAIT).until(() -> committed(out).size() >= 50);

        produce(in, 51, 100);
        // Cut the job off once the second half is written (as a rule before the checkpoint that would commit it), then
        // resume it from its last checkpoint: the rows after that checkpoint are read and written again.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> uncommitted(out) >= 100);
        engine.cancel(job).get(30, TimeUnit.SECONDS);
        String checkpoint = engine.latestCheckpoint(checkpoints).orElseThrow();
        JobId resumed = engine.submit(new JobSpec(
                "orders-doubler",
                TestStreams.ACCOUNT,
                TestStreams.REGION,
                new JobSpec.Sql(sql),
                Map.of(),
                1,
                every5s,
                checkpoints,
                Optional.of(checkpoint),
                false));

        await().atMost(WAIT)
                .until(() ->
                        committed(out).size() >= 100 || engine.status(resumed).state() == JobStatus.State.FAILED);
        assertThat(engine.status(resumed).failure()).isEmpty();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            expected.add("{\"id\":" + i + ",\"doubled\":" + (2 * i) + "}");
        }
        assertThat(committed(out)).containsExactlyInAnyOrderElementsOf(expected);
        engine.cancel(resumed).get(30, TimeUnit.SECONDS);
    }

    private static void produce(String topic, int from, int to) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.getBrokersAsString(), "acks", "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = from; i <= to; i++) {
                producer.send(new ProducerRecord<>(
                                topic,
                                String.valueOf(i).getBytes(StandardCharsets.UTF_8),
                                ("{\"id\":" + i + ",\"amount\":" + i + "}").getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** How many records the topic holds, committed or not (read_uncommitted sees into open transactions). */
    private static long uncommitted(String topic) {
        return read(topic, "read_uncommitted").size();
    }

    /** The topic's committed records (read_committed), as text. */
    private static List<String> committed(String topic) {
        return read(topic, "read_committed");
    }

    private static List<String> read(String topic, String isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        broker.getBrokersAsString(),
                        "isolation.level",
                        isolation,
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
