package dev.shardline.streams;

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
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Base of the streams service's integration tests: one Spring context over real HTTP, a real PostgreSQL and a real
 * KRaft Kafka broker, shared by every test class that extends it.
 */
@SpringBootTest(
        classes = TestStreamsApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "spring.flyway.enabled=false",
            "spring.jpa.open-in-view=false",
            "spring.jpa.hibernate.ddl-auto=validate",
            "server.http2.enabled=true",
            "shardline.streams.state-transition-delay=50ms",
            "shardline.streams.shard-limit=2000",
            "shardline.streams.enforce-throughput-limits=false",
            "shardline.streams.on-demand.evaluation-interval=300ms",
            "shardline.streams.on-demand.split-above-records-per-second=150",
            "shardline.streams.on-demand.merge-below-records-per-second=20",
            "shardline.streams.on-demand.cold-evaluations=4"
        })
@EmbeddedKafka(count = 1, partitions = 1)
public abstract class StreamsIntegrationTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", SharedPostgres::jdbcUrl);
    }

    protected URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The official AWS SDK client, speaking CBOR (its default for Kinesis) or JSON. */
    protected KinesisClient kinesis(boolean cbor) {
        return kinesis(cbor, true);
    }

    /** A client that reports throttling instead of retrying it, as the SDK does by default. */
    protected KinesisClient kinesisWithoutRetries(boolean cbor) {
        return kinesis(cbor, false);
    }

    /** A JSON client in another region, for limits that count per account and region. */
    protected KinesisClient kinesisIn(Region region) {
        return kinesis(false, true, region);
    }

    private KinesisClient kinesis(boolean cbor, boolean retries) {
        return kinesis(cbor, retries, Region.US_EAST_1);
    }

    private KinesisClient kinesis(boolean cbor, boolean retries, Region region) {
        synchronized (StreamsIntegrationTest.class) {
            // The SDK reads this setting when a client is built, so it is set only around the build.
            String key = SdkSystemSetting.CBOR_ENABLED.property();
            String previous = System.getProperty(key);
            System.setProperty(key, Boolean.toString(cbor));
            try {
                return KinesisClient.builder()
                        .endpointOverride(endpoint())
                        .region(region)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(o -> {
                            if (!retries) {
                                o.retryStrategy(AwsRetryStrategy.doNotRetry());
                            }
                        })
                        .build();
            } finally {
                if (previous == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, previous);
                }
            }
        }
    }

    protected static String uniqueName() {
        return "conformance-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static void awaitActive(KinesisClient kinesis, String name) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName(name))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    protected static String activeStream(KinesisClient kinesis, int shards) {
        String name = uniqueName();
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        awaitActive(kinesis, name);
        return name;
    }
}
