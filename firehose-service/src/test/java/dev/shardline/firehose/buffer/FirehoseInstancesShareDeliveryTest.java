package dev.shardline.firehose.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.common.testing.SharedPostgres;
import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.TestFirehoseApplication;
import dev.shardline.firehose.TestS3;
import dev.shardline.firehose.delivery.DeliveryStreamService;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two Firehose instances on one PostgreSQL, one Kafka and one S3: the shared test context (A) and a second application
 * context in the same JVM (B). A delivery stream's buffer topic has two partitions and its consumer group spreads them
 * over both instances; when B goes away, A takes B's partition over from B's last commit, so every acknowledged record
 * still reaches S3, and exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirehoseInstancesShareDeliveryTest extends FirehoseIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String DELIVERED_RECORDS = "firehose.DeliveryToS3.Records";

    /** Instance B: started by the first test that needs it, closed by the takeover test or after all. */
    private static ConfigurableApplicationContext instanceB;

    @Autowired
    Environment environment;

    @Autowired
    DeliveryStreamService streams;

    @Autowired
    MeterRegistry metersOfA;

    private Admin admin;
    private FirehoseClient firehoseA;
    private FirehoseClient firehoseB;

    @BeforeEach
    void instances() {
        if (instanceB == null || !instanceB.isActive()) {
            instanceB = startInstanceB();
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()));
        firehoseA = client(endpoint());
        firehoseB = client(
                URI.create("http://127.0.0.1:" + instanceB.getEnvironment().getProperty("local.server.port")));
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
        DeliveryStreamView stream = view(name);
        assertThat(partitionsOf(stream)).hasSize(2);
        awaitMembers(stream, 2);

        // 1 KiB records: each producer switches partition after 1 MiB (Kafka's sticky partitioner, batch.size), so
        // 2 MiB through each instance fill both partitions.
        List<String> sent = new ArrayList<>();
        for (int call = 0; call < 8; call++) {
            List<String> batch = lines("share-" + call, 500, 1000);
            PutRecordBatchResponse response =
                    (call % 2 == 0 ? firehoseA : firehoseB).putRecordBatch(request(name, batch));
            assertThat(response.failedPutCount()).isZero();
            batch.forEach(line -> sent.add(idOf(line)));
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
        DeliveryStreamView stream = view(name);
        awaitMembers(stream, 2);
        MeterRegistry metersOfB = instanceB.getBean(MeterRegistry.class);

        // Puts every 200 ms through both instances, through A alone once B is gone; no SDK retries, so a record is
        // either acknowledged or counted as possibly lost, never sent twice.
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        ScheduledExecutorService putter = Executors.newSingleThreadScheduledExecutor();
        try {
            putter.scheduleWithFixedDelay(
                    () -> {
                        int call = calls.getAndIncrement();
                        boolean throughB = call % 2 == 1 && instanceB.isActive();
                        List<String> batch = lines("takeover-" + call, 100, 1000);
                        batch.forEach(line -> attempted.add(idOf(line)));
                        try {
                            PutRecordBatchResponse response =
                                    (throughB ? firehoseB : firehoseA).putRecordBatch(request(name, batch));
                            for (int i = 0; i < batch.size(); i++) {
                                if (response.requestResponses().get(i).recordId() != null) {
                                    acknowledged.add(idOf(batch.get(i)));
                                }
                            }
                        } catch (RuntimeException closing) {
                            // B refused or dropped the call while it closed: these records may or may not be in.
                        }
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS);

            // Both instances are delivering when B goes away.
            await().atMost(DEADLINE).until(() -> delivered(metersOfA, name) > 0 && delivered(metersOfB, name) > 0);
            ConsumerGroupDescription shared = awaitMembers(stream, 2);
            instanceB.close();

            // A's member (the one that stays) gets B's partition too, with no restart of its own.
            ConsumerGroupDescription survivor = awaitMembers(stream, 1);
            MemberDescription memberOfA = survivor.members().iterator().next();
            assertThat(memberOfA.assignment().topicPartitions())
                    .containsExactlyInAnyOrderElementsOf(partitionsOf(stream));
            TopicPartition partitionOfB = shared.members().stream()
                    .filter(m -> !m.consumerId().equals(memberOfA.consumerId()))
                    .flatMap(m -> m.assignment().topicPartitions().stream())
                    .findFirst()
                    .orElseThrow();
            long endWhenBLeft = endOffsets(stream).get(partitionOfB);
            // Records go on through A alone, until some of them land in B's former partition.
            await().atMost(DEADLINE).until(() -> endOffsets(stream).get(partitionOfB) > endWhenBLeft + 200);
        } finally {
            putter.shutdown();
            assertThat(putter.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        // A delivers and commits both partitions to their ends, B's included.
        await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> fullyCommitted(stream));
        List<String> received = idsIn(bucket);
        assertThat(received).doesNotHaveDuplicates();
        assertThat(acknowledged)
                .isNotEmpty()
                .allSatisfy(id -> assertThat(received).contains(id));
        assertThat(received).allSatisfy(id -> assertThat(attempted).contains(id));
    }

    private ConfigurableApplicationContext startInstanceB() {
        return new SpringApplicationBuilder(TestFirehoseApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + SharedPostgres.jdbcUrl(),
                        "--spring.kafka.bootstrap-servers=" + brokers(),
                        "--spring.flyway.enabled=false",
                        "--spring.jpa.open-in-view=false",
                        "--spring.jpa.hibernate.ddl-auto=validate",
                        "--shardline.firehose.topic-partitions=2",
                        "--shardline.firehose.state-transition-delay=50ms",
                        "--shardline.firehose.retry-backoff=200ms",
                        "--shardline.firehose.worker-reconcile-interval=1s",
                        "--shardline.firehose.s3.endpoint=" + TestS3.endpoint(),
                        "--shardline.firehose.s3.access-key-id=test",
                        "--shardline.firehose.s3.secret-access-key=test");
    }

    private String brokers() {
        return environment.getRequiredProperty("spring.embedded.kafka.brokers");
    }

    private static FirehoseClient client(URI endpoint) {
        return FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private DeliveryStreamView view(String name) {
        return streams.active().stream()
                .filter(s -> s.ref().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private List<TopicPartition> partitionsOf(DeliveryStreamView stream)
            throws ExecutionException, InterruptedException {
        return admin
                .describeTopics(List.of(stream.topic()))
                .allTopicNames()
                .get()
                .get(stream.topic())
                .partitions()
                .stream()
                .map(p -> new TopicPartition(stream.topic(), p.partition()))
                .toList();
    }

    /** Waits until the stream's consumer group has {@code members} members that split its partitions evenly. */
    private ConsumerGroupDescription awaitMembers(DeliveryStreamView stream, int members) {
        int each = 2 / members;
        return await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(
                        () -> admin.describeConsumerGroups(List.of(SourceReaders.groupId(stream)))
                                .all()
                                .get()
                                .get(SourceReaders.groupId(stream)),
                        g -> g.members().size() == members
                                && g.members().stream()
                                        .map(MemberDescription::assignment)
                                        .allMatch(a -> a.topicPartitions().size() == each));
    }

    /** Every partition's committed offset is its end offset: all of it is in S3. */
    private boolean fullyCommitted(DeliveryStreamView stream) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SourceReaders.groupId(stream))
                .partitionsToOffsetAndMetadata()
                .get();
        return endOffsets(stream).entrySet().stream()
                .allMatch(end -> committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() == end.getValue());
    }

    private static double delivered(MeterRegistry meters, String name) {
        Counter counter =
                meters.find(DELIVERED_RECORDS).tag("deliveryStream", name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<String> lines(String prefix, int count, int length) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            lines.add(id + " " + ".".repeat(length - id.length() - 1));
        }
        return lines;
    }

    private static Consumer<PutRecordBatchRequest.Builder> request(String name, List<String> lines) {
        return r -> r.deliveryStreamName(name)
                .records(lines.stream()
                        .map(line -> Record.builder()
                                .data(SdkBytes.fromString(line + "\n", StandardCharsets.UTF_8))
                                .build())
                        .toList());
    }

    /** The id of every line in the bucket's objects, duplicates included. */
    private List<String> idsIn(String bucket) {
        List<String> ids = new ArrayList<>();
        for (S3Object object : objects(bucket)) {
            new String(read(bucket, object.key()), StandardCharsets.UTF_8)
                    .lines()
                    .forEach(line -> ids.add(idOf(line)));
        }
        return ids;
    }

    /** A line's id: what precedes its padding. */
    private static String idOf(String line) {
        return line.substring(0, line.indexOf(' '));
    }

    private Map<TopicPartition, Long> endOffsets(DeliveryStreamView stream)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest =
                partitionsOf(stream).stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }
}
