package dev.shardline.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The docker-compose stack as a user starts it (images built from the executable jars, enforce-mode signatures,
 * three Kafka brokers, two streams instances behind the edge), driven with the AWS SDK for Java v2 at its defaults
 * through the edge. Skipped, and reported as skipped, where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackSmokeTest {

    /** The compose file's documented test credential. */
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("shardline-compose", "shardline-compose-secret"));

    static final StaticCredentialsProvider MINIO_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("shardline", "shardline-minio-secret"));

    static final Duration STACK_START = Duration.ofMinutes(10);

    /** Names of this run, so the check can run again against a stack that is already up. */
    static final String NAME = "smoke-" + System.currentTimeMillis();

    static ComposeContainer stack;
    static URI edge;
    static URI objectStore;

    @BeforeAll
    static void startStack() throws Exception {
        // -Dshardline.stack.edge=http://localhost:4566 (and .s3): the stack that `docker compose up` started
        if (System.getProperty("shardline.stack.edge") != null) {
            edge = URI.create(System.getProperty("shardline.stack.edge"));
            objectStore = URI.create(System.getProperty("shardline.stack.s3", "http://localhost:9000"));
            return;
        }
        Path root = ComposeFileTest.ROOT;
        for (String module :
                List.of("streams-service", "firehose-service", "analytics-service", "video-service", "gateway")) {
            try (Stream<Path> jars = Files.list(root.resolve(module).resolve("target"))) {
                assertThat(jars.map(jar -> jar.getFileName().toString()))
                        .as("the image of " + module + " copies its executable jar: package it first "
                                + "(./mvnw -B package -DskipTests -Dshardline.cds.skip)")
                        .anyMatch(name -> name.startsWith("shardline-" + module) && name.endsWith("-exec.jar"));
            }
        }
        stack = new ComposeContainer(new File(root.toFile(), "docker-compose.yml"))
                .withBuild(true)
                // Docker's syntax for an ephemeral host port, so a runtime already on 4566, 9000 or 8081 is no conflict
                .withEnv("SHARDLINE_EDGE_PORT", "127.0.0.1:")
                .withEnv("SHARDLINE_S3_PORT", "127.0.0.1:")
                .withEnv("SHARDLINE_S3_CONSOLE_PORT", "127.0.0.1:")
                .withEnv("SHARDLINE_FLINK_PORT", "127.0.0.1:")
                .withExposedService("edge", 4566, Wait.forHealthcheck().withStartupTimeout(STACK_START))
                .withExposedService("minio", 9000, Wait.forHealthcheck().withStartupTimeout(STACK_START))
                .withStartupTimeout(STACK_START);
        stack.start();
        edge = endpoint("edge", 4566);
        objectStore = endpoint("minio", 9000);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void recordsPutThroughTheEdgeAreReadBackThroughIt() {
        try (KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(edge)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build()) {
            kinesis.createStream(r -> r.streamName(NAME).shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName(NAME));

            PutRecordResponse put = kinesis.putRecord(r ->
                    r.streamName(NAME).partitionKey("k").data(SdkBytes.fromUtf8String("hello from the smoke check")));
            String iterator = kinesis.getShardIterator(r ->
                            r.streamName(NAME).shardId(put.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();

            // the edge alternates over streams-1 and streams-2: the iterator and the record are any instance's
            List<Record> records = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(iterator));
                                return page.records();
                            },
                            read -> !read.isEmpty());
            assertThat(records.get(0).sequenceNumber()).isEqualTo(put.sequenceNumber());
            assertThat(records.get(0).data().asUtf8String()).isEqualTo("hello from the smoke check");
        }
    }

    @Test
    void aDirectPutDeliveryStreamWritesItsRecordsToMinio() {
        try (FirehoseClient firehose = FirehoseClient.builder()
                        .endpointOverride(edge)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS)
                        .build();
                S3Client s3 = S3Client.builder()
                        .endpointOverride(objectStore)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(MINIO_CREDENTIALS)
                        .forcePathStyle(true)
                        .build()) {
            firehose.createDeliveryStream(r -> r.deliveryStreamName(NAME)
                    .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                    .extendedS3DestinationConfiguration(d -> d.bucketARN("arn:aws:s3:::shardline-delivery")
                            .roleARN("arn:aws:iam::000000000000:role/firehose")
                            .prefix(NAME + "/")
                            .bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(1))));
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(NAME))
                                    .deliveryStreamDescription()
                                    .deliveryStreamStatus(),
                            DeliveryStreamStatus.ACTIVE::equals);

            firehose.putRecord(r -> r.deliveryStreamName(NAME)
                    .record(b -> b.data(SdkBytes.fromUtf8String("delivered by the smoke check\n"))));

            // the compose stack makes the bucket up front; a Firehose that creates buckets makes it at first delivery
            S3Object object = await().atMost(Duration.ofMinutes(1))
                    .ignoreException(NoSuchBucketException.class)
                    .until(() -> deliveredObject(s3), Optional::isPresent)
                    .orElseThrow();
            assertThat(s3.getObjectAsBytes(r -> r.bucket("shardline-delivery").key(object.key()))
                            .asUtf8String())
                    .isEqualTo("delivered by the smoke check\n");
        }
    }

    /** The first object under this run's prefix (not a directory placeholder, which some S3 stores list). */
    private static Optional<S3Object> deliveredObject(S3Client s3) {
        return s3.listObjectsV2(r -> r.bucket("shardline-delivery").prefix(NAME + "/")).contents().stream()
                .filter(object -> !object.key().endsWith("/"))
                .findFirst();
    }

    private static URI endpoint(String service, int port) {
        return URI.create("http://" + stack.getServiceHost(service, port) + ":" + stack.getServicePort(service, port));
    }
}
