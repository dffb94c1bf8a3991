package dev.shardline.video;

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
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.Status;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;

/**
 * Base of the video service's integration tests: one Spring context over real HTTP, a real PostgreSQL, a real KRaft
 * Kafka broker and a real S3 API (S3Proxy), shared by every test class that extends it.
 */
@SpringBootTest(
        classes = TestVideoApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "spring.flyway.enabled=false",
            "spring.jpa.open-in-view=false",
            "spring.jpa.hibernate.ddl-auto=validate",
            "shardline.video.state-transition-delay=50ms",
            "shardline.video.stream-limit=" + VideoIntegrationTest.STREAM_LIMIT,
            "shardline.video.webrtc.channel-limit=" + VideoIntegrationTest.STREAM_LIMIT,
            "shardline.video.webrtc.alexa-answer-timeout=2s",
            "shardline.video.s3.access-key-id=test",
            "shardline.video.s3.secret-access-key=test"
        })
@EmbeddedKafka(count = 1, partitions = 1)
public abstract class VideoIntegrationTest {

    protected static final String ACCOUNT = "123456789012";

    /**
     * Low, so that a test can reach it (in an account of its own); AWS's (and the default) is 10,000. Signaling channels
     * have the same. It must stay above what the suite creates in {@link #ACCOUNT} (about 25 streams).
     */
    protected static final int STREAM_LIMIT = 40;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", SharedPostgres::jdbcUrl);
        registry.add("shardline.video.s3.endpoint", () -> TestS3.endpoint().toString());
    }

    protected URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The official AWS SDK client, as account 123456789012 in eu-west-1 (the access key names the account). */
    protected KinesisVideoClient video() {
        return video(ACCOUNT);
    }

    protected KinesisVideoClient video(String account) {
        return KinesisVideoClient.builder()
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The official archived media client (ListFragments, GetMediaForFragmentList), as {@link #video()}'s account. */
    protected KinesisVideoArchivedMediaClient archivedMedia() {
        return KinesisVideoArchivedMediaClient.builder()
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The official media client (GetMedia), as {@link #video()}'s account. */
    protected KinesisVideoMediaClient media() {
        return KinesisVideoMediaClient.builder()
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a stream and waits until it is ACTIVE; answers its ARN. */
    protected String activeStream(KinesisVideoClient video, String name, int retentionHours) {
        String arn = video.createStream(r -> r.streamName(name).dataRetentionInHours(retentionHours))
                .streamARN();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> video.describeStream(r -> r.streamName(name))
                                .streamInfo()
                                .status()
                        == Status.ACTIVE);
        return arn;
    }
}
