package dev.shardline.firehose.destination.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointS3BackupMode;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

/** The HTTP endpoint destination's S3 writes, AllData copies and undeliverable records, count as BackupToS3. */
class FirehoseHttpBackupMetricsTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @Autowired
    MeterRegistry meters;

    private FirehoseClient firehose;
    private TestEndpoint endpoint;

    @BeforeEach
    void setUp() {
        firehose = firehose();
        endpoint = new TestEndpoint();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void allDataCopiesCountAsBackupToS3RecordsAndBytes() {
        String bucket = newBucket();
        String name = create(bucket, h -> h.s3BackupMode(HttpEndpointS3BackupMode.ALL_DATA));
        List<String> sent = List.of("a\n", "bb\n", "ccc\n");

        put(name, sent);

        // The copy is written before the POST: wait for both.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("BackupToS3.Records", name) == sent.size()
                        && endpoint.acknowledgedRecords().size() == sent.size());
        assertThat(count("BackupToS3.Bytes", name)).isEqualTo(bytes(sent));
        DistributionSummary success = summary("BackupToS3.Success", name);
        assertThat(success.count()).isEqualTo(1);
        assertThat(success.mean()).isEqualTo(1.0);
        assertThat(summary("BackupToS3.DataFreshness", name).count()).isEqualTo(1);
        assertThat(endpoint.records()).containsExactlyElementsOf(sent);
        assertThat(objects(bucket)).hasSize(1);
    }

    @Test
    void recordsTheEndpointRefusedForGoodCountAsBackupToS3() {
        endpoint.answering((n, request) -> TestEndpoint.Answer.json(503, "{\"errorMessage\":\"maintenance\"}"));
        String bucket = newBucket();
        String name = create(bucket, h -> h.retryOptions(o -> o.durationInSeconds(0)));
        List<String> sent = List.of("lost-1", "lost-2");

        put(name, sent);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("BackupToS3.Records", name) == sent.size());
        assertThat(count("BackupToS3.Bytes", name)).isEqualTo(bytes(sent));
        assertThat(summary("BackupToS3.Success", name).mean()).isEqualTo(1.0);
        assertThat(objects(bucket))
                .singleElement()
                .satisfies(o -> assertThat(o.key()).startsWith("errors/http-endpoint-failed/"));
    }

    @Test
    void deliveredRecordsOfAFailedDataOnlyStreamAreNoBackup() {
        String bucket = newBucket();
        String name = create(bucket, h -> {});

        put(name, List.of("fine"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !endpoint.acknowledgedRecords().isEmpty());
        assertThat(meters.find("firehose.BackupToS3.Success")
                        .tag("deliveryStream", name)
                        .summary())
                .isNull();
        assertThat(objects(bucket)).isEmpty();
    }

    private String create(String bucket, Consumer<HttpEndpointDestinationConfiguration.Builder> more) {
        String name = uniqueName("http");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name).httpEndpointDestinationConfiguration(h -> {
            h.endpointConfiguration(e -> e.url(endpoint.url()))
                    .roleARN(ROLE)
                    .s3Configuration(s ->
                            s.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket).errorOutputPrefix("errors/"))
                    .bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(1));
            more.accept(h);
        }));
        awaitActive(firehose, name);
        return name;
    }

    private void put(String name, List<String> records) {
        PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(records.stream()
                        .map(data -> Record.builder()
                                .data(SdkBytes.fromUtf8String(data))
                                .build())
                        .toList()));
        assertThat(response.failedPutCount()).isZero();
    }

    private long count(String metric, String stream) {
        Counter counter =
                meters.find("firehose." + metric).tag("deliveryStream", stream).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private DistributionSummary summary(String metric, String stream) {
        return meters.get("firehose." + metric).tag("deliveryStream", stream).summary();
    }

    private static long bytes(List<String> records) {
        return records.stream()
                .mapToLong(r -> r.getBytes(StandardCharsets.UTF_8).length)
                .sum();
    }
}
