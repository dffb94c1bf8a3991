package dev.shardline.firehose.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.TestFirehoseApplication;
import dev.shardline.firehose.TestStreamCatalog;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.ShardIds;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A Kinesis stream as source across a SplitShard: the children's records reach S3 only after every record of their
 * parent, including those that land in the parent after the children already have records (writes routed by an
 * instance's older shard map), as the KCL's lineage order has it. The stream is a topic of the test's broker that
 * {@link TestStreamCatalog} publishes on the catalogue topic, as the streams service would.
 */
@Import(TestStreamCatalog.class)
class FirehoseKinesisLineageTest extends FirehoseIntegrationTest {

    @Autowired
    TestStreamCatalog catalog;

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final Instant CREATED = Instant.parse("2026-11-26T01:00:00Z");

    private FirehoseClient firehose;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void clients() {
        firehose = firehose();
        admin = Admin.create(Map.of("bootstrap.servers", brokers()));
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** The database is shared with other test classes, which count the delivery streams of each type. */
    @AfterEach
    void close() {
        for (String name : created) {
            firehose.deleteDeliveryStream(r -> r.deliveryStreamName(name));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !firehose.listDeliveryStreams(r -> r.limit(10_000))
                            .deliveryStreamNames()
                            .contains(name));
        }
        producer.close();
        admin.close();
    }

    @Test
    void aSplitsChildrenAreDeliveredAfterEveryRecordOfTheirParent() throws Exception {
        String name = uniqueName("orders");
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
        String topic = "shardline.stream." + name;
        admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        catalog.describe(arn, topic, List.of(shard(0, List.of(), null)));
        String bucket = newBucket();
        String delivery = kinesisSourced(arn, bucket);

        List<String> parent = new ArrayList<>(put(topic, 0, "parent", 0, 20));
        // SplitShard: shard 0 closed, its end not fixed while writes by the old shard map may still land.
        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all().get(30, TimeUnit.SECONDS);
        catalog.describe(
                arn, topic, List.of(shard(0, List.of(), null), shard(1, List.of(0), null), shard(2, List.of(0), null)));
        List<String> children = new ArrayList<>(put(topic, 1, "child", 0, 10));
        children.addAll(put(topic, 2, "child", 10, 20));
        await().atMost(Duration.ofSeconds(30)).until(() -> assignedPartitions(topic) == 3);
        parent.addAll(put(topic, 0, "parent", 20, 25));

        await().atMost(Duration.ofSeconds(30)).until(() -> lines(bucket).containsAll(parent));
        // The worker reads the children's partitions: unheld, their records would be out within an interval or two.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> deliveries(delivery).stream().allMatch(d -> d.startsWith("0:")));
        assertThat(lines(bucket)).doesNotContainAnyElementsOf(children);

        catalog.describe(
                arn, topic, List.of(shard(0, List.of(), 25L), shard(1, List.of(0), null), shard(2, List.of(0), null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> lines(bucket).containsAll(children));

        List<String> all = new ArrayList<>(parent);
        all.addAll(children);
        assertThat(lines(bucket)).containsExactlyInAnyOrderElementsOf(all);
        List<String> order = deliveries(delivery);
        int lastOfParent = order.indexOf(order.stream()
                .filter(d -> d.startsWith("0:") && d.endsWith("-24"))
                .findFirst()
                .orElseThrow());
        assertThat(order.subList(0, lastOfParent + 1)).allMatch(d -> d.startsWith("0:"));
        assertThat(order.subList(lastOfParent + 1, order.size())).noneMatch(d -> d.startsWith("0:"));
    }

    private String kinesisSourced(String arn, String bucket) {
        String name = uniqueName("lineage");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(arn).roleARN(ROLE))
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))));
        created.add(name);
        awaitActive(firehose, name);
        return name;
    }

    /** Records {@code label-from} to {@code label-(to-1)} into the shard's partition, four partition keys round. */
    private List<String> put(String topic, int partition, String label, int from, int to) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String line = label + "-" + i;
            producer.send(new RecordEnvelope(
                                    "key-" + (i % 4), (line + "\n").getBytes(StandardCharsets.UTF_8), Instant.now())
                            .toProducerRecord(topic, partition))
                    .get(30, TimeUnit.SECONDS);
            lines.add(line);
        }
        return lines;
    }

    /** How many partitions of {@code topic} the members of a consumer group have (the delivery stream's group). */
    private int assignedPartitions(String topic) throws Exception {
        List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId)
                .toList();
        return admin.describeConsumerGroups(groups).all().get(30, TimeUnit.SECONDS).values().stream()
                .flatMap(group -> group.members().stream())
                .flatMap(member -> member.assignment().topicPartitions().stream())
                .filter(tp -> tp.topic().equals(topic))
                .mapToInt(tp -> 1)
                .sum();
    }

    /** The batches delivered, in order, as "partition:firstOffset-lastOffset". */
    private static List<String> deliveries(String delivery) {
        return List.copyOf(TestFirehoseApplication.DELIVERIES.getOrDefault(delivery, List.of()));
    }

    private List<String> lines(String bucket) {
        List<String> lines = new ArrayList<>();
        for (S3Object object : objects(bucket)) {
            new String(read(bucket, object.key()), StandardCharsets.UTF_8)
                    .lines()
                    .forEach(lines::add);
        }
        return lines;
    }

    private static CatalogShard shard(int partition, List<Integer> parents, Long endingOffset) {
        return new CatalogShard(ShardIds.format(partition), partition, CREATED, parents, endingOffset);
    }
}
