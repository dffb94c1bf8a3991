package dev.shardline.firehose.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.TestFirehoseApplication;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two Firehose instances on one PostgreSQL, one Kafka and one S3: the shared test context (A) and a second application
 * context in the same JVM (B). A delivery stream's buffer topic has two partitions and its consumer group spreads them
 * over both instances; when B shuts down, A takes B's partition over from B's last commit, so every acknowledged record
 * still reaches S3, and exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirehoseInstancesShareDeliveryTest extends FirehoseIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    /** Instance B: started by the first test that needs it, closed by the takeover test or after all. */
    private static ConfigurableApplicationContext instanceB;

    @Autowired
    DeliveryStreamService streams;

    @Autowired
    MeterRegistry metersOfA;

    private Admin admin;
    private FirehoseClient firehoseA;
    private FirehoseClient firehoseB;

    @BeforeEach
    void instances() {
        String brokers = brokers();
        if (instanceB == null || !instanceB.isActive()) {
            instanceB = SecondInstance.start(brokers);
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
        firehoseA = SecondInstance.client(endpoint());
        firehoseB = SecondInstance.client(SecondInstance.endpoint(instanceB));
    }

    @AfterEach
    void closeClients() {
        admin.close();
        firehoseA.close();
        firehoseB.close();
    }

    @AfterAll
    static void closeInstanceB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    @Test
    @Order(1)
    void twoInstancesEachDeliverOnePartitionAndEveryRecordLandsOnce() throws Exception {
        String bucket = newBucket();
        String name = activeStream(firehoseB, bucket, "", 1, 1, "UNCOMPRESSED");
        DeliveryGroup group = new DeliveryGroup(admin, view(name));
        assertThat(group.partitions()).hasSize(2);
        group.awaitMembers(2, DEADLINE);

        // Half of them through B, whose producer spreads them over both partitions (SecondInstance).
        List<String> sent = new ArrayList<>();
        for (int call = 0; call < 8; call++) {
            List<String> lines = Putter.lines("share-" + call, 500);
            PutRecordBatchResponse response = (call % 2 == 0 ? firehoseA : firehoseB)
                    .putRecordBatch(r -> r.deliveryStreamName(name)
                            .records(lines.stream()
                                    .map(line -> Record.builder()
                                            .data(SdkBytes.fromString(line + "\n", StandardCharsets.UTF_8))
                                            .build())
                                    .toList()));
            assertThat(response.failedPutCount()).isZero();
            lines.forEach(line -> sent.add(Putter.idOf(line)));
        }

        await().atMost(DEADLINE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> idsIn(bucket).size() >= sent.size());
        assertThat(idsIn(bucket)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        assertThat(TestFirehoseApplication.DELIVERIES.get(name))
                .anySatisfy(d -> assertThat(d).startsWith("0:"))
                .anySatisfy(d -> assertThat(d).startsWith("1:"));
        MeterRegistry metersOfB = instanceB.getBean(MeterRegistry.class);
        assertThat(delivered(metersOfA, name)).isPositive();
        assertThat(delivered(metersOfB, name)).isPositive();
        assertThat(delivered(metersOfA, name) + delivered(metersOfB, name)).isGreaterThanOrEqualTo(sent.size());
    }

    @Test
    @Order(2)
    void theSurvivingInstanceTakesOverAClosedInstancesPartitionWithoutLossOrDuplicates() throws Exception {
        String bucket = newBucket();
        String name = activeStream(firehoseB, bucket, "", 1, 1, "UNCOMPRESSED");
        DeliveryGroup group = new DeliveryGroup(admin, view(name));
        group.awaitMembers(2, DEADLINE);
        MeterRegistry metersOfB = instanceB.getBean(MeterRegistry.class);

        // Through both instances, through A alone once B is gone.
        Putter putter =
                new Putter(name, "takeover", call -> call % 2 == 1 && instanceB.isActive() ? firehoseB : firehoseA);
        try (putter) {
            putter.start(100);
            // Both instances are delivering when B goes away.
            await().atMost(DEADLINE).until(() -> delivered(metersOfA, name) > 0 && delivered(metersOfB, name) > 0);
            ConsumerGroupDescription shared = group.awaitMembers(2, DEADLINE);
            instanceB.close();

            // A's member (the one that stays) gets B's partition too, with no restart of its own.
            ConsumerGroupDescription survivor = group.awaitMembers(1, DEADLINE);
            MemberDescription memberOfA = survivor.members().iterator().next();
            assertThat(memberOfA.assignment().topicPartitions())
                    .containsExactlyInAnyOrderElementsOf(group.partitions());
            assertThat(shared.members())
                    .extracting(MemberDescription::consumerId)
                    .contains(memberOfA.consumerId());
            TopicPartition partitionOfB = DeliveryGroup.partitionOfTheOther(shared, memberOfA);
            long endWhenBLeft = group.endOffsets().get(partitionOfB);
            // Records go on through A alone, until some of them land in B's former partition.
            await().atMost(DEADLINE).until(() -> group.endOffsets().get(partitionOfB) > endWhenBLeft + 200);
        }

        // A delivers and commits both partitions to their ends, B's included.
        await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(group::fullyCommitted);
        List<String> received = idsIn(bucket);
        assertThat(received).doesNotHaveDuplicates();
        assertThat(putter.acknowledged()).isNotEmpty();
        assertThat(Putter.notIn(putter.acknowledged(), received))
                .as("acknowledged, not in S3")
                .isEmpty();
        assertThat(Putter.notIn(received, putter.attempted()))
                .as("in S3, never put")
                .isEmpty();
    }

    private DeliveryStreamView view(String name) {
        return streams.active().stream()
                .filter(s -> s.ref().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static double delivered(MeterRegistry meters, String name) {
        Counter counter = meters.find("firehose.DeliveryToS3.Records")
                .tag("deliveryStream", name)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** The id of every line in the bucket's objects, duplicates included. */
    private List<String> idsIn(String bucket) {
        List<String> ids = new ArrayList<>();
        for (S3Object object : objects(bucket)) {
            new String(read(bucket, object.key()), StandardCharsets.UTF_8)
                    .lines()
                    .forEach(line -> ids.add(Putter.idOf(line)));
        }
        return ids;
    }
}
