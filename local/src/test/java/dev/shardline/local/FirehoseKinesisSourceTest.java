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
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Firehose with a Kinesis stream as its source, in the all-in-one runtime (started in this JVM on its embedded
 * PostgreSQL, Kafka and S3 endpoint): every record put after the delivery stream turned ACTIVE reaches S3 exactly
 * once, also across a SplitShard made while records are put, and also when the stream is encrypted.
 */
class FirehoseKinesisSourceTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    /** The middle of the hash key space: SplitShard's NewStartingHashKey that halves the only shard. */
    private static final String MIDDLE = "170141183460469231731687303715884105728";

    private static Path dataDir;
    private static ConfigurableApplicationContext app;
    private static KinesisClient kinesis;
    private static FirehoseClient firehose;
    private static S3Client s3;

    @BeforeAll
    static void startShardline() throws IOException {
        dataDir = Files.createTempDirectory("shardline-firehose-kinesis");
        app = LocalApplication.application()
                .run(
                        "--server.port=0",
                        "--shardline.data-dir=" + dataDir,
                        "--shardline.s3.port=" + freePort(),
                        "--shardline.firehose.worker-reconcile-interval=1s");
        String port = app.getEnvironment().getProperty("local.server.port");
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        kinesis = KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
        firehose = FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
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
    void everyRecordPutAfterActivationIsInS3ExactlyOnceAcrossASplit() throws Exception {
        deliversEveryRecordPutAfterActivationOnce(false);
    }

    @Test
    void recordsOfAnEncryptedStreamAreDeliveredDecrypted() throws Exception {
        deliversEveryRecordPutAfterActivationOnce(true);
    }

    @Test
    void anUnknownStreamIsAnInvalidArgument() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("from-nowhere")
                        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                        .kinesisStreamSourceConfiguration(
                                k -> k.kinesisStreamARN("arn:aws:kinesis:us-east-1:000000000000:stream/nowhere")
                                        .roleARN(ROLE))
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Stream nowhere under account 000000000000 not found.");
    }

    private void deliversEveryRecordPutAfterActivationOnce(boolean encrypted) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String stream = "orders-" + suffix;
        String bucket = "lake-" + suffix;
        String delivery = "orders-to-lake-" + suffix;
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        awaitStreamActive(stream);
        if (encrypted) {
            kinesis.startStreamEncryption(
                    r -> r.streamName(stream).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
            awaitStreamActive(stream);
        }
        List<String> before = put(stream, "before", 0, 50);
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream))
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
                .until(() -> describe(delivery).deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);

        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        acknowledged.addAll(put(stream, "first", 0, 200));
        AtomicBoolean splitting = new AtomicBoolean(true);
        CompletableFuture<Void> putter = CompletableFuture.runAsync(() -> {
            for (int call = 0; splitting.get() || call < 5; call++) {
                acknowledged.addAll(put(stream, "during", call, 50));
            }
        });
        String parent =
                kinesis.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit(parent).newStartingHashKey(MIDDLE));
        awaitStreamActive(stream);
        splitting.set(false);
        putter.get();
        acknowledged.addAll(put(stream, "after", 0, 300));

        await().atMost(Duration.ofSeconds(90)).until(() -> lines(bucket).size() >= acknowledged.size());
        assertThat(lines(bucket)).hasSameSizeAs(acknowledged).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(lines(bucket)).doesNotContainAnyElementsOf(before);
        DeliveryStreamDescription description = describe(delivery);
        assertThat(description.deliveryStreamType()).isEqualTo(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE);
        assertThat(description.source().kinesisStreamSourceDescription().kinesisStreamARN())
                .isEqualTo(streamArn);
        assertThat(description.source().kinesisStreamSourceDescription().deliveryStartTimestamp())
                .isNotNull();
        assertThatThrownBy(() -> firehose.putRecord(
                        r -> r.deliveryStreamName(delivery).record(x -> x.data(SdkBytes.fromUtf8String("direct")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("This operation is not permitted on KinesisStreamAsSource delivery stream type.");

        // Deleting the delivery stream leaves the Kinesis stream and its records in place.
        firehose.deleteDeliveryStream(r -> r.deliveryStreamName(delivery));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> firehose.listDeliveryStreams(r -> r.limit(10_000)).deliveryStreamNames().stream()
                        .noneMatch(delivery::equals));
        assertThat(put(stream, "still-there", 0, 1)).hasSize(1);
    }

    /** Puts {@code count} records with distinct partition keys; returns the lines of those acknowledged. */
    private static List<String> put(String stream, String label, int call, int count) {
        List<String> lines = new ArrayList<>();
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = label + "-" + call + "-" + i;
            lines.add(line);
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(UUID.randomUUID().toString())
                    .data(SdkBytes.fromUtf8String(line + "\n"))
                    .build());
        }
        PutRecordsResponse response =
                kinesis.putRecords(r -> r.streamName(stream).records(entries));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (response.records().get(i).errorCode() == null) {
                acknowledged.add(lines.get(i));
            }
        }
        return acknowledged;
    }

    private static void awaitStreamActive(String stream) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName(stream))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    private static DeliveryStreamDescription describe(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)).deliveryStreamDescription();
    }

    /** The filesystem backend also lists directory placeholders ("2026/", ...), which AWS S3 does not. */
    private static List<String> lines(String bucket) {
        List<S3Object> objects;
        try {
            objects = s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                    .filter(o -> !o.key().endsWith("/"))
                    .filter(o -> !InFlightObjects.isInFlight(o.key()))
                    .toList();
        } catch (NoSuchBucketException notYet) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (S3Object object : objects) {
            s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key()))
                    .asString(StandardCharsets.UTF_8)
                    .lines()
                    .forEach(lines::add);
        }
        return lines;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
