package dev.shardline.firehose.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamFailureType;
import software.amazon.awssdk.services.firehose.model.FailureDescription;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A destination that refuses the batches shows in DescribeDeliveryStream until a delivery succeeds again. */
class FirehoseDeliveryErrorTest extends FirehoseIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose();
    }

    @Test
    void aMissingBucketIsDescribedAsTheStreamsFailureUntilDeliverySucceeds() {
        // The test configuration does not create missing buckets (shardline.firehose.s3.create-buckets=false).
        String bucket = uniqueName("missing");
        String name = activeStream(firehose, bucket, "", 1, 1, "UNCOMPRESSED");
        assertThat(failure(name)).isNull();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add("record-" + i);
        }
        firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(sent.stream()
                        .map(s -> Record.builder()
                                .data(SdkBytes.fromUtf8String(s + "\n"))
                                .build())
                        .toList()));

        FailureDescription failing = await().atMost(Duration.ofSeconds(30)).until(() -> failure(name), f -> f != null);
        assertThat(failing.type()).isEqualTo(DeliveryStreamFailureType.UNKNOWN_ERROR);
        assertThat(failing.details()).startsWith("S3.NoSuchBucket: ").contains("failing since");
        // The worker keeps retrying: the attempts are counted, every one a failed DeliveryToS3 attempt.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> failure(name).details().contains(" attempts)"));
        DistributionSummary success = meters.get("firehose.DeliveryToS3.Success")
                .tag("deliveryStream", name)
                .summary();
        assertThat(success.count()).isGreaterThanOrEqualTo(2);
        assertThat(success.totalAmount()).isZero();

        s3.createBucket(r -> r.bucket(bucket));

        await().atMost(Duration.ofSeconds(30)).until(() -> lines(bucket).size() >= sent.size());
        assertThat(lines(bucket)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(failure(name)).isNull();
        assertThat(success.totalAmount()).isPositive();
        assertThat(meters.get("firehose.DeliveryToS3.Records")
                        .tag("deliveryStream", name)
                        .counter()
                        .count())
                .isEqualTo(sent.size());
    }

    @Test
    void aHealthyStreamHasNoFailureDescription() {
        String bucket = newBucket();
        String name = activeStream(firehose, bucket, "", 1, 1, "UNCOMPRESSED");
        firehose.putRecord(r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromUtf8String("ok\n"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> !objects(bucket).isEmpty());
        assertThat(failure(name)).isNull();
    }

    private FailureDescription failure(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                .deliveryStreamDescription()
                .failureDescription();
    }

    private List<String> lines(String bucket) {
        List<String> lines = new ArrayList<>();
        for (S3Object object : objects(bucket)) {
            new String(read(bucket, object.key()), StandardCharsets.UTF_8)
                    .lines()
                    .forEach(lines::add);
        }
        return lines;
    }
}
