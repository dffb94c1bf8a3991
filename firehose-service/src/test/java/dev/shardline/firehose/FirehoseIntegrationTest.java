package dev.shardline.firehose;

import static org.awaitility.Awaitility.await;

import dev.shardline.platform.testing.InFlightObjects;
import dev.shardline.platform.testing.SharedPostgres;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.FirehoseClientBuilder;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Base of the Firehose service's integration tests: one Spring context over real HTTP, a real PostgreSQL, a real
 * KRaft Kafka broker and a real S3 API (S3Proxy), shared by every test class that extends it.
 */
@SpringBootTest(
        classes = TestFirehoseApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "spring.flyway.enabled=false",
            "spring.jpa.open-in-view=false",
            "spring.jpa.hibernate.ddl-auto=validate",
            "shardline.firehose.state-transition-delay=50ms",
            "shardline.firehose.retry-backoff=200ms",
            "shardline.firehose.http.retry-backoff=100ms",
            "shardline.firehose.http.max-retry-backoff=400ms",
            "shardline.firehose.http.max-blocking=1s",
            "shardline.firehose.worker-reconcile-interval=1s",
            "shardline.firehose.s3.access-key-id=test",
            "shardline.firehose.s3.secret-access-key=test"
        })
@EmbeddedKafka(count = 1, partitions = 1)
public abstract class FirehoseIntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", SharedPostgres::jdbcUrl);
        registry.add("shardline.firehose.s3.endpoint", () -> TestS3.endpoint().toString());
    }

    protected final S3Client s3 = TestS3.client();

    /**
     * This context's Kafka broker. Not {@code spring.embedded.kafka.brokers}: a system property, which the broker of
     * the test context started last overwrites, so that a test of a context cached before would reach another
     * context's broker.
     */
    protected String brokers() {
        return broker.getBrokersAsString();
    }

    protected URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The official AWS SDK client. */
    protected FirehoseClient firehose() {
        return firehoseBuilder().build();
    }

    /** A client that reports every error at once, as a test of the first answer needs. */
    protected FirehoseClient firehoseWithoutRetries() {
        return firehoseBuilder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private FirehoseClientBuilder firehoseBuilder() {
        return FirehoseClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String newBucket() {
        String bucket = uniqueName("bucket");
        s3.createBucket(r -> r.bucket(bucket));
        return bucket;
    }

    /** Creates a DirectPut stream into {@code bucket} and waits until it is ACTIVE. */
    protected String activeStream(
            FirehoseClient firehose,
            String bucket,
            String prefix,
            int sizeInMBs,
            int intervalInSeconds,
            String compression) {
        String name = uniqueName("delivery");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .prefix(prefix)
                        .bufferingHints(h -> h.sizeInMBs(sizeInMBs).intervalInSeconds(intervalInSeconds))
                        .compressionFormat(CompressionFormat.fromValue(compression))));
        awaitActive(firehose, name);
        return name;
    }

    protected static void awaitActive(FirehoseClient firehose, String name) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                                .deliveryStreamDescription()
                                .deliveryStreamStatus()
                        == DeliveryStreamStatus.ACTIVE);
    }

    /**
     * The bucket's objects. The filesystem backend also lists directory placeholders ({@code 2026/}, size 4096) as
     * keys, which AWS S3 does not, and a file being written as {@code <key>-<uuid>} before its rename: both are left
     * out.
     */
    protected List<S3Object> objects(String bucket) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .filter(o -> !o.key().endsWith("/"))
                .filter(o -> !InFlightObjects.isInFlight(o.key()))
                .toList();
    }

    protected byte[] read(String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }
}
