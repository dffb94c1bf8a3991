package dev.shardline.kinesis.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.ShardIds;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import dev.shardline.platform.kafka.KafkaClientFactory;
import dev.shardline.platform.kafka.TopicAdmin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A reader follows splits and merges in lineage order against a real KRaft broker: a child shard's partition stays
 * paused until its parents are read to their end, by this consumer or by the group, and the reader never resumes what
 * its caller paused.
 */
class KinesisStreamLineageTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";
    private static final Instant CREATED = Instant.parse("2026-11-26T01:00:00Z");

    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaClientFactory clients;
    private static Admin admin;
    private static TopicAdmin topics;

    private final String topic = "shardline.stream." + UUID.randomUUID();
    private final String group = "lineage-" + UUID.randomUUID();
    private final Map<Integer, CatalogShard> shardMap = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final StreamCatalog catalog = arn -> {
        lookups.incrementAndGet();
        return Optional.of(new CatalogStream(ARN, topic, "ACTIVE", List.copyOf(shardMap.values())));
    };
    private final StepClock clock = new StepClock();
    private final KinesisStreamReader reader = new KinesisStreamReader(ARN, topic, catalog, null, clock);
    private final List<StreamRecord> read = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        Map<String, Object> bootstrap = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        clients = new KafkaClientFactory(bootstrap, bootstrap, bootstrap);
        admin = clients.admin("lineage-test");
        topics = new TopicAdmin(admin, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.destroy();
    }

    @AfterEach
    void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void aSplitsChildrenAreHeldUntilTheirParentIsReadToItsEnd() throws Exception {
        topics.create(topic, 1, (short) 1, Map.of());
        shardMap.put(0, shard(0, List.of(), null));
        producer = clients.durableProducer("lineage-test", 1024 * 1024, Map.of());
        put(0, "parent", 0, 5);
        consumer = KinesisStreamReader.groupConsumer(clients, group, Map.of());
        consumer.subscribe(List.of(topic), holdingOnAssignment());
        pollUntil(() -> count("parent") == 5);

        // SplitShard: two partitions, which the shard map has only once the switch-over committed.
        topics.ensurePartitions(topic, 3);
        put(1, "child", 0, 3);
        put(2, "child", 3, 6);
        pollUntil(() -> consumer.assignment().size() == 3);
        assertThat(consumer.paused()).containsExactlyInAnyOrder(tp(1), tp(2));

        // Switched over: the parent is closed, its end not yet fixed while writes by the old map still land.
        shardMap.put(0, shard(0, List.of(), null));
        shardMap.put(1, shard(1, List.of(0), null));
        shardMap.put(2, shard(2, List.of(0), null));
        clock.step(LineageHold.CHECK_INTERVAL);
        put(0, "parent", 5, 7);
        pollUntil(() -> count("parent") == 7);
        assertThat(consumer.paused()).containsExactlyInAnyOrder(tp(1), tp(2));
        assertThat(count("child")).isZero();

        // The end is fixed; the reader learns it from the catalog at its next check, not on every poll.
        shardMap.put(0, shard(0, List.of(), 7L));
        int before = lookups.get();
        for (int i = 0; i < 5; i++) {
            step();
        }
        assertThat(lookups).hasValue(before);
        assertThat(count("child")).isZero();
        clock.step(LineageHold.CHECK_INTERVAL);
        pollUntil(() -> count("child") == 6);

        assertThat(consumer.paused()).isEmpty();
        assertThat(lookups).hasValue(before + 1);
        int lastParent = lastIndexOf("parent");
        int firstChild = read.indexOf(read.stream()
                .filter(r -> text(r).startsWith("child"))
                .findFirst()
                .orElseThrow());
        assertThat(lastParent).isLessThan(firstChild);
    }

    @Test
    void aMergesChildWaitsForBothParentsAsTheGroupReadThemOrAsRetentionRemovedThem() throws Exception {
        topics.create(topic, 3, (short) 1, Map.of());
        producer = clients.durableProducer("lineage-test", 1024 * 1024, Map.of());
        put(0, "parent", 0, 3);
        put(1, "adjacent", 0, 2);
        put(2, "child", 0, 4);
        shardMap.put(0, shard(0, List.of(), 3L));
        shardMap.put(1, shard(1, List.of(), 2L));
        shardMap.put(2, shard(2, List.of(0, 1), null));
        // This member reads only the child; another member of the group reads the parents.
        consumer = KinesisStreamReader.groupConsumer(clients, group, Map.of());
        consumer.assign(List.of(tp(2)));

        step();
        assertThat(consumer.paused()).containsExactly(tp(2));

        commitAsAnotherMember(tp(0), 3);
        clock.step(LineageHold.CHECK_INTERVAL);
        step();
        assertThat(consumer.paused()).containsExactly(tp(2));
        assertThat(count("child")).isZero();

        // The adjacent parent's records expired: nothing of it is left to read.
        admin.deleteRecords(Map.of(tp(1), RecordsToDelete.beforeOffset(2)))
                .all()
                .get(30, TimeUnit.SECONDS);
        clock.step(LineageHold.CHECK_INTERVAL);
        pollUntil(() -> count("child") == 4);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void aPartitionTheCallerPausedIsNeverResumedByTheReader() throws Exception {
        topics.create(topic, 3, (short) 1, Map.of());
        producer = clients.durableProducer("lineage-test", 1024 * 1024, Map.of());
        put(0, "parent", 0, 2);
        put(1, "mine", 0, 2);
        put(2, "child", 0, 2);
        shardMap.put(0, shard(0, List.of(), 2L));
        shardMap.put(1, shard(1, List.of(0), null));
        shardMap.put(2, shard(2, List.of(0), null));
        consumer = KinesisStreamReader.groupConsumer(clients, group, Map.of());
        consumer.assign(List.of(tp(0), tp(1), tp(2)));
        consumer.pause(List.of(tp(1))); // the caller's own reasons, e.g. a failed batch's backoff

        pollUntil(() -> count("child") == 2);

        assertThat(count("parent")).isEqualTo(2);
        assertThat(consumer.paused()).containsExactly(tp(1));
        assertThat(count("mine")).isZero();
        consumer.resume(List.of(tp(1)));
        pollUntil(() -> count("mine") == 2);
    }

    private ConsumerRebalanceListener holdingOnAssignment() {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                reader.holdChildren(consumer);
            }
        };
    }

    /** A caller's poll loop: hold children, poll, read. */
    private void step() {
        reader.holdChildren(consumer);
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            read.add(reader.read(record));
        }
        if (!records.isEmpty()) {
            consumer.commitSync(); // a rebalance (the split's new partitions) goes on from here, not from the start
        }
    }

    private void pollUntil(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            step();
            return condition.call();
        });
    }

    private void commitAsAnotherMember(TopicPartition tp, long offset) {
        try (KafkaConsumer<byte[], byte[]> other = KinesisStreamReader.groupConsumer(clients, group, Map.of())) {
            other.assign(List.of(tp));
            other.commitSync(Map.of(tp, new OffsetAndMetadata(offset)));
        }
    }

    private void put(int partition, String label, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            producer.send(new RecordEnvelope(
                                    "key-" + i, (label + "-" + i).getBytes(StandardCharsets.UTF_8), Instant.now())
                            .toProducerRecord(topic, partition))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private long count(String label) {
        return read.stream().filter(r -> text(r).startsWith(label + "-")).count();
    }

    private int lastIndexOf(String label) {
        int last = -1;
        for (int i = 0; i < read.size(); i++) {
            if (text(read.get(i)).startsWith(label + "-")) {
                last = i;
            }
        }
        return last;
    }

    private static String text(StreamRecord record) {
        return new String(record.data(), StandardCharsets.UTF_8);
    }

    private TopicPartition tp(int partition) {
        return new TopicPartition(topic, partition);
    }

    private static CatalogShard shard(int partition, List<Integer> parents, Long endingOffset) {
        return new CatalogShard(ShardIds.format(partition), partition, CREATED, parents, endingOffset);
    }

    /** Moves only when told: the test decides when the reader may look its shard map up again. */
    private static final class StepClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-26T02:00:00Z");

        void step(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
