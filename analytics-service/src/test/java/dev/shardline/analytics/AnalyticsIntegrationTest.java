package dev.shardline.analytics;

import static org.awaitility.Awaitility.await;

import dev.shardline.platform.testing.SharedPostgres;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Base of the analytics service's integration tests: one Spring context over real HTTP, a real PostgreSQL, a real
 * KRaft Kafka broker and a real S3 API (S3Proxy), shared by every test class that extends it. Flink is the
 * {@link RecordingFlinkEngine}: these tests are of the control plane.
 */
@SpringBootTest(
        classes = TestAnalyticsApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "spring.flyway.enabled=false",
            "spring.jpa.open-in-view=false",
            "spring.jpa.hibernate.ddl-auto=validate",
            "shardline.analytics.state-transition-delay=50ms",
            "shardline.analytics.reconcile-interval=100ms",
            "shardline.analytics.engine-timeout=10s",
            "shardline.analytics.s3.access-key-id=test",
            "shardline.analytics.s3.secret-access-key=test"
        })
@EmbeddedKafka(count = 1, partitions = 1)
public abstract class AnalyticsIntegrationTest {

    protected static final String ROLE = "arn:aws:iam::000000000000:role/flink";
    protected static final String RUNTIME = "FLINK-2_2";
    protected static final String SQL = "CREATE TABLE clicks (id STRING) WITH ('connector' = 'datagen');\n"
            + "CREATE TABLE out (id STRING) WITH ('connector' = 'blackhole');\n"
            + "INSERT INTO out SELECT id FROM clicks;";

    protected final RecordingFlinkEngine engine = TestAnalyticsApplication.ENGINE;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", SharedPostgres::jdbcUrl);
        registry.add("shardline.analytics.s3.endpoint", () -> TestS3.endpoint().toString());
        registry.add("shardline.data-dir", AnalyticsIntegrationTest::dataDir);
    }

    private static String dataDir() {
        try {
            return java.nio.file.Files.createTempDirectory("analytics-data-").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected final S3Client s3 = TestS3.client();

    protected URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The official AWS SDK client (AWS JSON 1.1). */
    protected KinesisAnalyticsV2Client analytics() {
        return analytics("AKIDEXAMPLE");
    }

    /** A client whose access key id names the account, as a 12-digit one does. */
    protected KinesisAnalyticsV2Client analytics(String accessKeyId) {
        return KinesisAnalyticsV2Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A READY Flink SQL application, snapshots enabled or not. */
    protected ApplicationDetail sqlApplication(KinesisAnalyticsV2Client client, String name, boolean snapshots) {
        return client.createApplication(r -> r.applicationName(name)
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(ROLE)
                        .applicationConfiguration(c -> c.applicationCodeConfiguration(
                                        code -> code.codeContentType(CodeContentType.PLAINTEXT)
                                                .codeContent(content -> content.textContent(SQL)))
                                .applicationSnapshotConfiguration(s -> s.snapshotsEnabled(snapshots))))
                .applicationDetail();
    }

    protected static ApplicationDetail describe(KinesisAnalyticsV2Client client, String name) {
        return client.describeApplication(r -> r.applicationName(name)).applicationDetail();
    }

    protected static void awaitStatus(KinesisAnalyticsV2Client client, String name, ApplicationStatus status) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> describe(client, name).applicationStatus() == status);
    }

    /** A RUNNING application: created, started, and its job RUNNING in the engine. */
    protected ApplicationDetail runningApplication(KinesisAnalyticsV2Client client, String name, boolean snapshots) {
        sqlApplication(client, name, snapshots);
        client.startApplication(r -> r.applicationName(name));
        awaitStatus(client, name, ApplicationStatus.RUNNING);
        return describe(client, name);
    }
}
