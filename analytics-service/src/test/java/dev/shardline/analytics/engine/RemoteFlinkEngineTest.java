package dev.shardline.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.AnalyticsServiceConfiguration;
import dev.shardline.analytics.TestS3;
import dev.shardline.analytics.connector.TestStreams;
import dev.shardline.platform.testing.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;

/**
 * The analytics service with {@code shardline.analytics.flink.remote.rest-url} set, driven with the AWS SDK: a Flink SQL
 * application runs on a Flink session cluster of separate JobManager and TaskManager processes (started from Flink's
 * JARs, without Shardline's classes), reads a Shardline stream from the embedded KRaft broker, counts into another,
 * stops with a snapshot and restores its count from it. One cluster for the class, killed at the end.
 */
@SpringBootTest(
        classes = RemoteFlinkEngineTest.RemoteEngineApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "spring.flyway.enabled=false",
            "spring.jpa.open-in-view=false",
            "spring.jpa.hibernate.ddl-auto=validate",
            "shardline.analytics.state-transition-delay=50ms",
            "shardline.analytics.reconcile-interval=200ms",
            "shardline.analytics.engine-timeout=60s",
            "shardline.analytics.s3.access-key-id=test",
            "shardline.analytics.s3.secret-access-key=test",
            "shardline.analytics.flink.restart-delay=1s"
        })
@ActiveProfiles("remote-flink")
@EmbeddedKafka(count = 1, partitions = 1)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RemoteFlinkEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static Path work;
    private static FlinkSessionCluster flink;

    @Autowired
    private TestStreams streams;

    @Autowired
    private FlinkEngine engine;

    @LocalServerPort
    private int port;

    /** The analytics service's beans with a stream catalog of test streams; no engine double. */
    @Profile("remote-flink")
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(AnalyticsServiceConfiguration.class)
    static class RemoteEngineApplication {
        @Bean
        TestStreams testStreams(@Value("${spring.embedded.kafka.brokers}") String brokers) {
            return new TestStreams(brokers);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", RemoteFlinkEngineTest::ownDatabase);
        registry.add("shardline.analytics.s3.endpoint", () -> TestS3.endpoint().toString());
        registry.add("shardline.data-dir", () -> work().resolve("data").toString());
        registry.add(
                "shardline.analytics.flink.work-directory",
                () -> work().resolve("engine").toString());
        registry.add(
                "shardline.analytics.flink.remote.rest-url",
                () -> cluster().restUrl().toString());
    }

    /**
     * A database of its own on the shared server: the other test classes' cached contexts keep reconciling the
     * applications of theirs, and would ask their engine double about this class's jobs.
     */
    private static String ownDatabase() {
        String shared = SharedPostgres.jdbcUrl();
        String database = "remote_flink_" + Long.toHexString(System.nanoTime());
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(shared);
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("No database for the remote engine's test", e);
        }
        String own = shared.replace("/postgres?", "/" + database + "?");
        if (own.equals(shared)) {
            throw new IllegalStateException("Unexpected JDBC URL of the shared server: " + shared);
        }
        return own;
    }

    private static synchronized Path work() {
        if (work == null) {
            try {
                work = Files.createTempDirectory("remote-flink-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return work;
    }

    private static synchronized FlinkSessionCluster cluster() {
        if (flink == null) {
            try {
                flink = FlinkSessionCluster.start(work().resolve("flink"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return flink;
    }

    @AfterAll
    static void stopCluster() {
        if (flink != null) {
            flink.close();
        }
    }

    private KinesisAnalyticsV2Client analytics() {
        return KinesisAnalyticsV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                // Planning SQL loads Flink's planner first: CreateApplication may take tens of seconds on a busy
                // machine.
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofMinutes(2))
                        .build())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static ApplicationStatus status(KinesisAnalyticsV2Client client, String name) {
        return client.describeApplication(r -> r.applicationName(name))
                .applicationDetail()
                .applicationStatus();
    }

    @Test
    void aSqlApplicationCountsOnTheRemoteClusterStopsWithASnapshotAndRestoresItsCount() throws Exception {
        assertThat(engine).isInstanceOf(RemoteFlinkEngine.class);
        flink.awaitSlots();
        String events = streams.create("remote-events", 1);
        String counts = streams.create("remote-counts", 1);
        String sql = "CREATE TABLE events (k STRING, pt AS PROCTIME()) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                + events + "', 'aws.region' = 'us-east-1', 'source.init.position' = 'TRIM_HORIZON',"
                + " 'format' = 'json');\n"
                + "CREATE TABLE counts (k STRING, cnt BIGINT) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                + counts + "', 'format' = 'json');\n"
                + "INSERT INTO counts SELECT k, COUNT(*) OVER (PARTITION BY k ORDER BY pt"
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM events;";
        for (int i = 0; i < 3; i++) {
            streams.put(events, "a", "{\"k\":\"a\"}");
        }
        KinesisAnalyticsV2Client client = analytics();
        String name = "remote-count-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        client.createApplication(r -> r.applicationName(name)
                .runtimeEnvironment("FLINK-2_2")
                .serviceExecutionRole("arn:aws:iam::000000000000:role/flink")
                .applicationConfiguration(c -> c.applicationCodeConfiguration(
                                code -> code.codeContentType(CodeContentType.PLAINTEXT)
                                        .codeContent(content -> content.textContent(sql)))
                        .applicationSnapshotConfiguration(s -> s.snapshotsEnabled(true))));

        client.startApplication(r -> r.applicationName(name));
        await().atMost(WAIT).until(() -> status(client, name) == ApplicationStatus.RUNNING);
        await().atMost(WAIT).until(() -> streams.data(counts).size() == 3);
        JobId job;
        try (RestClusterClient<String> cluster = flink.client()) {
            List<JobStatusMessage> jobs = List.copyOf(cluster.listJobs().get(30, TimeUnit.SECONDS));
            assertThat(jobs).extracting(JobStatusMessage::getJobName).containsExactly(name);
            job = new JobId(jobs.get(0).getJobId().toHexString());
        }
        assertThat(engine.status(job).state()).isEqualTo(JobStatus.State.RUNNING);
        assertThat(engine.dashboard(job))
                .hasValueSatisfying(url -> assertThat(url.toString())
                        .startsWith(flink.restUrl().toString())
                        .endsWith("/#/job/running/" + job.value() + "/overview"));
        await().atMost(WAIT)
                .until(() -> engine.metrics(job)
                        .filter(metrics -> metrics.uptime() > 0 && metrics.fullRestarts() == 0)
                        .isPresent());

        client.stopApplication(r -> r.applicationName(name));
        await().atMost(WAIT).until(() -> status(client, name) == ApplicationStatus.READY);
        List<SnapshotDetails> snapshots =
                client.listApplicationSnapshots(r -> r.applicationName(name)).snapshotSummaries();
        assertThat(snapshots).hasSize(1);
        streams.put(events, "a", "{\"k\":\"a\"}");
        streams.put(events, "a", "{\"k\":\"a\"}");

        client.startApplication(r -> r.applicationName(name)
                .runConfiguration(c -> c.applicationRestoreConfiguration(
                        a -> a.applicationRestoreType(ApplicationRestoreType.RESTORE_FROM_LATEST_SNAPSHOT))));
        await().atMost(WAIT).until(() -> status(client, name) == ApplicationStatus.RUNNING);
        await().atMost(WAIT).until(() -> streams.data(counts).size() == 5);
        assertThat(streams.data(counts))
                .as("the second run goes on counting from the snapshot's state")
                .containsExactly(
                        "{\"k\":\"a\",\"cnt\":1}",
                        "{\"k\":\"a\",\"cnt\":2}",
                        "{\"k\":\"a\",\"cnt\":3}",
                        "{\"k\":\"a\",\"cnt\":4}",
                        "{\"k\":\"a\",\"cnt\":5}");
        try (RestClusterClient<String> cluster = flink.client()) {
            assertThat(cluster.listJobs().get(30, TimeUnit.SECONDS)).hasSize(2);
        }

        client.stopApplication(r -> r.applicationName(name).force(true));
        await().atMost(WAIT).until(() -> status(client, name) == ApplicationStatus.READY);
    }
}
