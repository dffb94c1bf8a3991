package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.platform.testing.InFlightObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@code firehose} connector in the all-in-one runtime (started in this JVM on its embedded PostgreSQL, Kafka and
 * S3 endpoint): a Flink SQL application created through the AWS SDK reads a Shardline stream and writes each row to a
 * delivery stream with an S3 destination, through the runtime's own edge; every record put is in the S3 objects. A
 * delivery stream that does not exist is refused at CreateApplication.
 */
class AnalyticsFirehoseSinkTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/shardline";
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private static Path dataDir;
    private static ConfigurableApplicationContext app;
    private static KinesisClient kinesis;
    private static FirehoseClient firehose;
    private static KinesisAnalyticsV2Client analytics;
    private static S3Client s3;

    @BeforeAll
    static void startShardline() throws IOException {
        dataDir = Files.createTempDirectory("shardline-analytics-firehose");
        app = LocalApplication.application()
                .run(
                        "--server.port=0",
                        "--shardline.data-dir=" + dataDir,
                        "--shardline.s3.port=" + freePort(),
                        "--shardline.firehose.worker-reconcile-interval=1s");
        URI endpoint = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x"));
        kinesis = KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        firehose = FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        analytics = KinesisAnalyticsV2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        s3 = S3Client.builder()
                .endpointOverride(URI.create(app.getEnvironment().getProperty("shardline.firehose.s3.endpoint")))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopShardline() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyRecordPutToTheStreamReachesS3ThroughTheApplicationsFirehoseSink() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String stream = "clicks-" + suffix;
        String delivery = "clicks-to-lake-" + suffix;
        String bucket = "lake-" + suffix;
        kinesis.createStream(r -> r.streamName(stream).shardCount(2));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName(stream))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
        firehose.createDeliveryStream(r -> r.deliveryStreamName(delivery)
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(delivery))
                                .deliveryStreamDescription()
                                .deliveryStreamStatus()
                        == DeliveryStreamStatus.ACTIVE);

        String application = "clicks-to-firehose-" + suffix;
        createApplication(application, sql(stream, delivery));
        analytics.startApplication(r -> r.applicationName(application));
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> analytics
                                .describeApplication(r -> r.applicationName(application))
                                .applicationDetail()
                                .applicationStatus()
                        == ApplicationStatus.RUNNING);

        List<String> put = new ArrayList<>();
        for (int call = 0; call < 4; call++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                String id = "click-" + call + "-" + i;
                put.add(id);
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey(id)
                        .data(SdkBytes.fromUtf8String("{\"id\":\"" + id + "\",\"n\":" + i + "}"))
                        .build());
            }
            assertThat(kinesis.putRecords(r -> r.streamName(stream).records(entries))
                            .failedRecordCount())
                    .isZero();
        }

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> ids(bucket).size() >= put.size());
        assertThat(ids(bucket)).hasSameSizeAs(put).containsExactlyInAnyOrderElementsOf(put);
        analytics.stopApplication(r -> r.applicationName(application).force(true));
    }

    @Test
    void aDeliveryStreamThatDoesNotExistIsRefusedAtCreateApplication() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String stream = "orphans-" + suffix;
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName(stream))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);

        assertThatThrownBy(() -> createApplication("to-nowhere-" + suffix, sql(stream, "nowhere-" + suffix)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("nowhere-" + suffix);
        assertThat(analytics.listApplications(r -> r.limit(50)).applicationSummaries())
                .noneMatch(summary -> summary.applicationName().equals("to-nowhere-" + suffix));
    }

    private static String sql(String stream, String delivery) {
        return """
                CREATE TABLE clicks (id STRING, n INT) WITH (
                  'connector' = 'kinesis', 'stream.arn' = 'arn:aws:kinesis:us-east-1:000000000000:stream/%s',
                  'aws.region' = 'us-east-1', 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');
                CREATE TABLE lake (id STRING, n INT) WITH (
                  'connector' = 'firehose', 'delivery-stream' = '%s', 'aws.region' = 'us-east-1',
                  'sink.flush-buffer.timeout' = '500', 'format' = 'json');
                INSERT INTO lake SELECT id, n FROM clicks;
                """.formatted(stream, delivery);
    }

    private static void createApplication(String name, String sql) {
        analytics.createApplication(r -> r.applicationName(name)
                .runtimeEnvironment("FLINK-2_2")
                .serviceExecutionRole(ROLE)
                .applicationConfiguration(c -> c.applicationCodeConfiguration(
                                code -> code.codeContentType(CodeContentType.PLAINTEXT)
                                        .codeContent(content -> content.textContent(sql)))
                        .flinkApplicationConfiguration(
                                f -> f.checkpointConfiguration(cp -> cp.configurationType(ConfigurationType.CUSTOM)
                                        .checkpointingEnabled(true)
                                        .checkpointInterval(2_000L)
                                        .minPauseBetweenCheckpoints(500L)))));
    }

    /** The ids of the rows in the bucket's objects (Firehose joins the JSON records without a separator). */
    private static List<String> ids(String bucket) {
        List<S3Object> objects;
        try {
            objects = s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                    .filter(o -> !o.key().endsWith("/"))
                    .filter(o -> !InFlightObjects.isInFlight(o.key()))
                    .toList();
        } catch (NoSuchBucketException notYet) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (S3Object object : objects) {
            Matcher matcher = ID.matcher(
                    s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asString(StandardCharsets.UTF_8));
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
