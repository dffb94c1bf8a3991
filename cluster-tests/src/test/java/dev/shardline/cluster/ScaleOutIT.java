package dev.shardline.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The distributed topology without containers (docs/distributed.md, "Scale-out, tested"): two streams-service
 * instances and a Firehose service, each its executable jar in a JVM of its own, on one PostgreSQL, a three-broker
 * KRaft Kafka (replication 3, {@code min.insync.replicas} 2) and an S3 endpoint, all driven with the AWS SDK for Java
 * v2 at its defaults (CBOR for Kinesis), signing with the credential the services enforce. The three services are
 * started once for the whole class; the test that kills an instance and a broker runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    static final String ACCESS_KEY = "scale-out-it";
    static final String SECRET_KEY = "scale-out-it-secret";
    static final String ACCOUNT = "000000000000";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    /** The same master key in every service, or one cannot open the shard-iterator secret another sealed. */
    static final String MASTER_KEY = "c2hhcmRsaW5lLXNjYWxlLW91dC1pdC1tYXN0ZXItayE="; // 32 bytes
    /** How long an instance routes by its cached shard map after another switched it over (streams.md). */
    static final Duration METADATA_CACHE_TTL = Duration.ofSeconds(1);

    static final Duration START = Duration.ofMinutes(3);
    static final String MIDDLE = "170141183460469231731687303715884105728";
    static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** S3Proxy's temporary file while it writes an object (see InFlightObjects in common's tests). */
    private static final Pattern IN_FLIGHT =
            Pattern.compile(".*" + UUID_PATTERN + "(\\.[0-9a-z!_.*'()-]+)?-" + UUID_PATTERN);

    static ClusterInfrastructure infrastructure;
    static ServiceProcess streamsA;
    static ServiceProcess streamsB;
    static ServiceProcess firehoseProcess;
    static KinesisClient viaA;
    static KinesisClient viaB;
    static FirehoseClient firehose;
    static S3Client s3;

    @BeforeAll
    static void startCluster() throws Exception {
        // fail before the infrastructure starts when a jar is missing
        ServiceProcess.executableJar("streams-service");
        ServiceProcess.executableJar("firehose-service");
        infrastructure = ClusterInfrastructure.start(3);
        List<String> common = List.of(
                "--spring.datasource.url=" + infrastructure.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + infrastructure.bootstrapServers(),
                "--shardline.security.mode=enforce",
                "--shardline.security.credentials[0].access-key-id=" + ACCESS_KEY,
                "--shardline.security.credentials[0].secret-access-key=" + SECRET_KEY,
                "--shardline.security.credentials[0].account-id=" + ACCOUNT,
                "--shardline.kms.master-key=" + MASTER_KEY);
        List<String> streams = new ArrayList<>(common);
        streams.add("--shardline.streams.topic-replication-factor=3");
        streams.add("--shardline.streams.metadata-cache-ttl=" + METADATA_CACHE_TTL.toMillis() + "ms");
        List<String> firehoseArgs = new ArrayList<>(common);
        firehoseArgs.addAll(List.of(
                "--shardline.firehose.topic-replication-factor=3",
                "--shardline.firehose.s3.endpoint=" + infrastructure.s3Endpoint(),
                "--shardline.firehose.s3.access-key-id=" + ClusterInfrastructure.S3_ACCESS_KEY,
                "--shardline.firehose.s3.secret-access-key=" + ClusterInfrastructure.S3_SECRET_KEY,
                "--shardline.firehose.s3.create-buckets=true"));

        // the first instance creates the schemas the services share; then the others start side by side
        streamsA = ServiceProcess.start("streams-a", "streams-service", streams).awaitHealthy(START);
        streamsB = ServiceProcess.start("streams-b", "streams-service", streams);
        firehoseProcess = ServiceProcess.start("firehose", "firehose-service", firehoseArgs);
        streamsB.awaitHealthy(START);
        firehoseProcess.awaitHealthy(START);

        viaA = kinesis(streamsA.endpoint());
        viaB = kinesis(streamsB.endpoint());
        firehose = FirehoseClient.builder()
                .endpointOverride(firehoseProcess.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build();
        s3 = S3Client.builder()
                .endpointOverride(infrastructure.s3Endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        ClusterInfrastructure.S3_ACCESS_KEY, ClusterInfrastructure.S3_SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {viaA, viaB, firehose, s3}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        for (ServiceProcess process : new ServiceProcess[] {firehoseProcess, streamsB, streamsA}) {
            if (process != null) {
                process.close();
            }
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    @Order(1)
    void recordsPutThroughOneInstanceAreReadThroughTheOther() {
        String stream = name("handover");
        viaA.createStream(r -> r.streamName(stream).shardCount(2));
        awaitActive(viaB, stream);

        Map<String, String> acknowledged = new HashMap<>();
        for (int call = 0; call < 4; call++) {
            acknowledged.putAll(putRecords(viaA, stream, "a" + call, 50));
        }
        assertThat(acknowledged).hasSize(200);

        // every shard read through B, from an iterator B made and from one A made
        assertThat(readAll(viaB, viaB, stream))
                .containsAllEntriesOf(acknowledged)
                .hasSize(200);
        assertThat(readAll(viaA, viaB, stream))
                .containsAllEntriesOf(acknowledged)
                .hasSize(200);
    }

    @Test
    @Order(2)
    void aSplitThroughOneInstanceIsRespectedByTheOtherWithinTheCacheTtlAndNoRecordIsLost() throws Exception {
        String stream = name("split");
        viaA.createStream(r -> r.streamName(stream).shardCount(1));
        awaitActive(viaB, stream);
        String parent =
                viaB.listShards(r -> r.streamName(stream)).shards().get(0).shardId();

        Map<String, String> acknowledged = new ConcurrentHashMap<>(putRecords(viaB, stream, "before", 100));
        // B keeps writing while A splits: B routes by its cached map meanwhile
        AtomicBoolean splitting = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int call = 0; splitting.get(); call++) {
                acknowledged.putAll(putRecords(viaB, stream, "during" + call, 20));
            }
        });
        viaA.splitShard(r -> r.streamName(stream).shardToSplit(parent).newStartingHashKey(MIDDLE));
        awaitActive(viaA, stream);
        splitting.set(false);
        writer.get();

        Set<String> children = viaA.listShards(r -> r.streamName(stream)).shards().stream()
                .filter(shard -> parent.equals(shard.parentShardId()))
                .map(Shard::shardId)
                .collect(Collectors.toSet());
        assertThat(children).hasSize(2);

        // after the documented bound, every put through B lands in a child
        await().pollDelay(METADATA_CACHE_TTL.plusMillis(200))
                .atMost(METADATA_CACHE_TTL.multipliedBy(3))
                .until(() -> true);
        List<PutRecordsResultEntry> after = viaB.putRecords(
                        r -> r.streamName(stream).records(entries("after", 100)))
                .records();
        assertThat(after).allSatisfy(entry -> {
            assertThat(entry.errorCode()).isNull();
            assertThat(entry.shardId()).isIn(children);
        });
        for (int i = 0; i < after.size(); i++) {
            acknowledged.put(after.get(i).sequenceNumber(), "after-" + i);
        }

        // parent and children read through B: every acknowledged record, once
        Map<String, String> read = readAll(viaB, viaB, stream);
        assertThat(read).containsAllEntriesOf(acknowledged).hasSameSizeAs(acknowledged);
    }

    @Test
    @Order(3)
    void aFirehoseServiceOfItsOwnDeliversAKinesisStreamToS3AcrossASplit() throws Exception {
        String stream = name("lake-source");
        String bucket = name("lake");
        String delivery = name("to-lake");
        viaA.createStream(r -> r.streamName(stream).shardCount(1));
        awaitActive(viaA, stream);
        String streamArn = viaB.describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary()
                .streamARN();

        firehose.createDeliveryStream(r -> r.deliveryStreamName(delivery)
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(
                        k -> k.kinesisStreamARN(streamArn).roleARN(ROLE))
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))));
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(delivery))
                                .deliveryStreamDescription()
                                .deliveryStreamStatus(),
                        DeliveryStreamStatus.ACTIVE::equals);

        List<String> lines = new ArrayList<>();
        lines.addAll(putRecords(viaA, stream, "first", 100).values());
        String parent =
                viaA.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
        viaB.splitShard(r -> r.streamName(stream).shardToSplit(parent).newStartingHashKey(MIDDLE));
        lines.addAll(putRecords(viaA, stream, "during", 100).values());
        awaitActive(viaB, stream);
        lines.addAll(putRecords(viaB, stream, "after", 100).values());
        assertThat(lines).hasSize(300);

        await().atMost(Duration.ofSeconds(90)).until(() -> delivered(bucket).size() >= lines.size());
        assertThat(delivered(bucket)).containsExactlyInAnyOrderElementsOf(lines);
    }

    @Test
    @Order(4)
    void killingAnInstanceAndABrokerUnderLoadLosesNoAcknowledgedRecord() throws Exception {
        String stream = name("survivor");
        Set<String> topicsBefore = topics();
        viaA.createStream(r -> r.streamName(stream).shardCount(2));
        awaitActive(viaB, stream);
        Set<String> created = new java.util.HashSet<>(topics());
        created.removeAll(topicsBefore);
        assertThat(created).as("the stream's topic").hasSize(1);
        String topic = created.iterator().next();

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger failedCallsThroughA = new AtomicInteger();
        AtomicInteger acknowledgedAfterBrokerLoss = new AtomicInteger();
        AtomicBoolean brokerStopped = new AtomicBoolean();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writerA = CompletableFuture.runAsync(() -> {
            for (int call = 0; writing.get(); call++) {
                try {
                    acknowledged.putAll(putRecords(viaA, stream, "a" + call, 25));
                } catch (SdkException refused) {
                    // A is gone: nothing of this call was acknowledged
                    failedCallsThroughA.incrementAndGet();
                    if (!streamsA.isAlive()) {
                        return;
                    }
                }
            }
        });
        CompletableFuture<Void> writerB = CompletableFuture.runAsync(() -> {
            for (int call = 0; writing.get(); call++) {
                try {
                    Map<String, String> put = putRecords(viaB, stream, "b" + call, 25);
                    acknowledged.putAll(put);
                    if (brokerStopped.get()) {
                        acknowledgedAfterBrokerLoss.addAndGet(put.size());
                    }
                } catch (SdkException refused) {
                    // a call refused while the partitions' leadership moves: not acknowledged, not counted
                }
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 500);
        streamsA.kill();
        int atKill = acknowledged.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= atKill + 250);

        // the broker that leads the first partition of the stream's topic
        int leader;
        try (Admin admin = infrastructure.kafka().admin()) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            leader = description.partitions().get(0).leader().id();
        }
        int atBrokerLoss = acknowledged.size();
        infrastructure.stopBroker(leader);
        brokerStopped.set(true);
        await().atMost(Duration.ofSeconds(90)).until(() -> acknowledgedAfterBrokerLoss.get() >= 250);
        writing.set(false);
        writerA.get();
        writerB.get();

        assertThat(streamsA.isAlive()).isFalse();
        assertThat(failedCallsThroughA.get()).isPositive();
        Map<String, String> read = readAll(viaB, viaB, stream);
        System.out.printf(
                "killed streams-a after %d acknowledged records and Kafka node %d after %d; %d acknowledged in all,"
                        + " %d read back through streams-b; %d calls through streams-a failed%n",
                atKill, leader, atBrokerLoss, acknowledged.size(), read.size(), failedCallsThroughA.get());
        assertThat(read).containsAllEntriesOf(acknowledged);
    }

    private static Set<String> topics() throws Exception {
        try (Admin admin = infrastructure.kafka().admin()) {
            return admin.listTopics().names().get();
        }
    }

    private static KinesisClient kinesis(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build();
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void awaitActive(KinesisClient client, String stream) {
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> client.describeStreamSummary(r -> r.streamName(stream))
                                .streamDescriptionSummary()
                                .streamStatus(),
                        StreamStatus.ACTIVE::equals);
    }

    private static List<PutRecordsRequestEntry> entries(String label, int count) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(UUID.randomUUID().toString())
                    .data(SdkBytes.fromUtf8String(label + "-" + i + "\n"))
                    .build());
        }
        return entries;
    }

    /** Puts {@code count} records; returns the acknowledged ones, sequence number to data. */
    private static Map<String, String> putRecords(KinesisClient client, String stream, String label, int count) {
        PutRecordsResponse response =
                client.putRecords(r -> r.streamName(stream).records(entries(label, count)));
        Map<String, String> acknowledged = new HashMap<>();
        for (int i = 0; i < count; i++) {
            PutRecordsResultEntry entry = response.records().get(i);
            if (entry.errorCode() == null) {
                acknowledged.put(entry.sequenceNumber(), label + "-" + i);
            }
        }
        return acknowledged;
    }

    /**
     * Every record of every shard (open and closed) from TRIM_HORIZON, sequence number to data (a line): iterators made through
     * {@code iterators}, records read through {@code reader}, each shard until its end or, for an open shard, an empty
     * page at the tip.
     */
    private static Map<String, String> readAll(KinesisClient iterators, KinesisClient reader, String stream) {
        Map<String, String> read = new HashMap<>();
        for (Shard shard : iterators.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = iterators
                    .getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = reader.getRecords(r -> r.shardIterator(current));
                for (Record record : page.records()) {
                    assertThat(read.put(
                                    record.sequenceNumber(),
                                    record.data().asUtf8String().strip()))
                            .as("record %s read twice", record.sequenceNumber())
                            .isNull();
                }
                if (page.records().isEmpty() && page.millisBehindLatest() == 0) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        return read;
    }

    /** The lines of every object in {@code bucket}. */
    private static List<String> delivered(String bucket) {
        List<S3Object> objects;
        try {
            objects = s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                    .filter(object -> !object.key().endsWith("/"))
                    .filter(object -> !IN_FLIGHT.matcher(object.key()).matches())
                    .toList();
        } catch (NoSuchBucketException notYet) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (S3Object object : objects) {
            lines.addAll(s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key()))
                    .asString(StandardCharsets.UTF_8)
                    .lines()
                    .toList());
        }
        return Collections.unmodifiableList(lines);
    }
}
