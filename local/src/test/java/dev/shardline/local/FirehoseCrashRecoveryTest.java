package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.platform.testing.InFlightObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Firehose in the all-in-one runtime, delivering to its embedded S3 endpoint: killed with SIGKILL while records are
 * being put and delivered, then started again on the same data directory, every acknowledged record is in S3 exactly
 * once.
 */
class FirehoseCrashRecoveryTest {

    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final String STREAM = "to-the-lake";
    private static final String BUCKET = "lake";

    @TempDir
    Path dataDir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void everyAcknowledgedRecordIsInS3ExactlyOnceAfterAKill9() throws Exception {
        int port = freePort();
        int s3Port = freePort();
        process = start(port, s3Port);
        FirehoseClient firehose = firehose(port);
        firehose.createDeliveryStream(r -> r.deliveryStreamName(STREAM)
                .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + BUCKET)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(STREAM))
                                .deliveryStreamDescription()
                                .deliveryStreamStatus()
                        == DeliveryStreamStatus.ACTIVE);

        List<String> acknowledged = new ArrayList<>();
        putBatches(firehose, 0, 10, acknowledged);
        S3Client s3 = s3(s3Port);
        // Kill once delivery is under way: some objects are written, later records are still only in Kafka.
        await().atMost(Duration.ofSeconds(60)).until(() -> !objects(s3).isEmpty());
        putBatches(firehose, 10, 20, acknowledged);
        process.destroyForcibly().waitFor();

        process = start(port, s3Port);
        FirehoseClient restarted = firehose(port);
        putBatches(restarted, 20, 25, acknowledged);

        await().atMost(Duration.ofSeconds(90)).until(() -> lines(s3).size() >= acknowledged.size());
        List<String> keys = objects(s3).stream().map(S3Object::key).toList();
        assertThat(lines(s3))
                .as("lines of the objects %s", keys)
                .hasSameSizeAs(acknowledged)
                .containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    private static void putBatches(FirehoseClient firehose, int from, int to, List<String> acknowledged) {
        for (int call = from; call < to; call++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                lines.add("record-" + call + "-" + i + "-" + "x".repeat(200));
            }
            PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName(STREAM)
                    .records(lines.stream()
                            .map(line -> Record.builder()
                                    .data(SdkBytes.fromUtf8String(line + "\n"))
                                    .build())
                            .toList()));
            assertThat(response.failedPutCount()).isZero();
            acknowledged.addAll(lines);
        }
    }

    /** The filesystem backend also lists directory placeholders ("2026/", ...), which AWS S3 does not. */
    private static List<S3Object> objects(S3Client s3) {
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents().stream()
                    .filter(o -> !o.key().endsWith("/"))
                    .filter(o -> !InFlightObjects.isInFlight(o.key()))
                    .toList();
        } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException notYet) {
            return List.of();
        }
    }

    private static List<String> lines(S3Client s3) {
        List<String> lines = new ArrayList<>();
        for (S3Object object : objects(s3)) {
            String body =
                    s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(object.key())).asString(StandardCharsets.UTF_8);
            body.lines().forEach(lines::add);
        }
        return lines;
    }

    private Process start(int port, int s3Port) throws IOException {
        return LaunchedRuntime.start(dataDir, port, STARTUP, List.of("-Xmx512m"), "--shardline.s3.port=" + s3Port);
    }

    private static FirehoseClient firehose(int port) {
        return FirehoseClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static S3Client s3(int port) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
