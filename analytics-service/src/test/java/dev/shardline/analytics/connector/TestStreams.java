package dev.shardline.analytics.connector;

import dev.shardline.keys.DataKeys;
import dev.shardline.keys.KeyScope;
import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.ShardIds;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import dev.shardline.kinesis.catalog.CatalogTopic;
import dev.shardline.platform.kafka.TopicAdmin;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Streams on a real broker as the streams service keeps them, for tests: a topic per stream, a partition per shard, a
 * catalog that tells shard maps and lineage, and puts routed by MD5 of the partition key into the open shard's range.
 * Each change of a stream is also published on the streams service's catalogue topic, so that a service under test
 * finds the stream through its {@code KafkaStreamCatalog}, as in production; {@link #catalog} answers directly, for
 * tests that build an engine themselves.
 */
public final class TestStreams {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    private final String bootstrap;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, CatalogStream> streams = new ConcurrentHashMap<>();
    private final DataKeys dataKeys;

    public TestStreams(String bootstrap) {
        this(bootstrap, null);
    }

    /** With {@code dataKeys}, streams can be encrypted: their puts are sealed as the streams service seals them. */
    public TestStreams(String bootstrap, DataKeys dataKeys) {
        this.bootstrap = bootstrap;
        this.dataKeys = dataKeys;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        this.producer = new KafkaProducer<>(
                Map.of(
                        "bootstrap.servers",
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        new TopicAdmin(admin, Duration.ofSeconds(30))
                .create(CatalogTopic.NAME, CatalogTopic.PARTITIONS, (short) 1, CatalogTopic.CONFIGS);
    }

    /** The streams as this test double knows them, without the catalogue topic. */
    public StreamCatalog catalog() {
        return this::find;
    }

    /** Stores the stream's new state and publishes it on the catalogue topic, acknowledged when this returns. */
    private void publish(CatalogStream stream) {
        streams.put(stream.arn(), stream);
        try {
            producer.send(new ProducerRecord<>(
                            CatalogTopic.NAME, CatalogTopic.key(stream.arn()), CatalogTopic.write(stream)))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The catalogue entry of " + stream.arn() + " was not acknowledged", e);
        }
    }

    public Map<String, String> kafka() {
        return Map.of("bootstrap.servers", bootstrap);
    }

    public static String arn(String name) {
        return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + name;
    }

    public Optional<CatalogStream> find(String streamArn) {
        return Optional.ofNullable(streams.get(streamArn));
    }

    /** A stream of {@code shards} open shards over the whole hash key space; returns its ARN. */
    public String create(String name, int shards) throws Exception {
        String topic = "shardline.stream." + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, shards, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        List<HashKeyRange> ranges = HashKeyRange.divide(shards);
        List<CatalogShard> map = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            map.add(new CatalogShard(ShardIds.format(i), i, Instant.now(), List.of(), null, ranges.get(i), true));
        }
        String arn = arn(name);
        publish(new CatalogStream(arn, topic, "ACTIVE", map));
        return arn;
    }

    /** StartStreamEncryption: records put from now on are sealed under a data key of {@code keyId}. */
    public void encrypt(String arn, String keyId) {
        CatalogStream stream = streams.get(arn);
        publish(new CatalogStream(arn, stream.topic(), stream.status(), stream.shards(), keyId));
    }

    public CatalogStream stream(String arn) {
        return streams.get(arn);
    }

    /** PutRecord: the record goes to the open shard that owns its partition key's hash key; returns the partition. */
    public int put(String arn, String partitionKey, String data) throws Exception {
        CatalogStream stream = streams.get(arn);
        BigInteger hash = HashKeyRange.hashOf(partitionKey);
        CatalogShard shard = stream.openShards().stream()
                .filter(s -> s.hashKeyRange().contains(hash))
                .findFirst()
                .orElseThrow();
        RecordEnvelope envelope =
                new RecordEnvelope(partitionKey, data.getBytes(StandardCharsets.UTF_8), Instant.now());
        producer.send(
                        stream.keyId() == null
                                ? envelope.toProducerRecord(stream.topic(), shard.partition())
                                : envelope.toProducerRecord(
                                        stream.topic(),
                                        shard.partition(),
                                        dataKeys.forEncryption(
                                                "test-streams", new KeyScope(ACCOUNT, REGION), stream.keyId(), 1)))
                .get(10, TimeUnit.SECONDS);
        return shard.partition();
    }

    /**
     * SplitShard as the streams service does it, first half: the children's partitions are added and take the
     * parent's keys; the parent is closed but its end not yet fixed (writes routed by an old map may still land).
     */
    public void split(String arn, int parent) throws Exception {
        CatalogStream stream = streams.get(arn);
        admin.createPartitions(Map.of(
                        stream.topic(), NewPartitions.increaseTo(stream.shards().size() + 2)))
                .all()
                .get(30, TimeUnit.SECONDS);
        CatalogShard closing = stream.shardOf(parent).orElseThrow();
        BigInteger middle = closing.hashKeyRange()
                .start()
                .add(closing.hashKeyRange()
                        .end()
                        .subtract(closing.hashKeyRange().start())
                        .shiftRight(1));
        HashKeyRange[] halves = closing.hashKeyRange().splitAt(middle.add(BigInteger.ONE));
        List<CatalogShard> shards = new ArrayList<>(stream.shards());
        shards.replaceAll(s -> s.partition() == parent
                ? new CatalogShard(
                        s.shardId(), s.partition(), s.createdAt(), s.parentPartitions(), null, s.hashKeyRange(), false)
                : s);
        int next = stream.shards().size();
        for (int i = 0; i < 2; i++) {
            shards.add(new CatalogShard(
                    ShardIds.format(next + i), next + i, Instant.now(), List.of(parent), null, halves[i], true));
        }
        publish(new CatalogStream(arn, stream.topic(), "ACTIVE", shards));
    }

    /** A record routed by the shard map before the split, landing late in the closed parent. */
    public void putLate(String arn, int partition, String partitionKey, String data) throws Exception {
        CatalogStream stream = streams.get(arn);
        RecordEnvelope envelope =
                new RecordEnvelope(partitionKey, data.getBytes(StandardCharsets.UTF_8), Instant.now());
        producer.send(envelope.toProducerRecord(stream.topic(), partition)).get(10, TimeUnit.SECONDS);
    }

    /** Records straight into one shard's partition, sent together rather than one by one: for thousands of them. */
    public void putAll(String arn, int partition, List<String> data) throws Exception {
        CatalogStream stream = streams.get(arn);
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        for (String row : data) {
            RecordEnvelope envelope = new RecordEnvelope("key", row.getBytes(StandardCharsets.UTF_8), Instant.now());
            sent.add(producer.send(envelope.toProducerRecord(stream.topic(), partition)));
        }
        for (java.util.concurrent.Future<?> f : sent) {
            f.get(10, TimeUnit.SECONDS);
        }
    }

    /** SplitShard's second half: the closed parent's end is fixed at the offset after its last record. */
    public void fixEnd(String arn, int parent) throws Exception {
        CatalogStream stream = streams.get(arn);
        TopicPartition tp = new TopicPartition(stream.topic(), parent);
        long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(tp)
                .offset();
        List<CatalogShard> shards = new ArrayList<>(stream.shards());
        shards.replaceAll(s -> s.partition() == parent
                ? new CatalogShard(
                        s.shardId(), s.partition(), s.createdAt(), s.parentPartitions(), end, s.hashKeyRange(), false)
                : s);
        publish(new CatalogStream(arn, stream.topic(), "ACTIVE", shards));
    }

    /** Every record now in the stream's topic, by partition and in offset order. */
    public List<ConsumerRecord<byte[], byte[]>> records(String arn) {
        CatalogStream stream = streams.get(arn);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(stream.topic()).stream()
                    .map(p -> new TopicPartition(stream.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            all.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return all;
        }
    }

    /** The data of every record in the stream, as text, by partition and offset. */
    public List<String> data(String arn) {
        return records(arn).stream()
                .map(r -> new String(
                        (dataKeys == null ? RecordEnvelope.from(r) : RecordEnvelope.from(r, dataKeys)).data(),
                        StandardCharsets.UTF_8))
                .toList();
    }

    public void close() {
        producer.close();
        admin.close();
    }
}
