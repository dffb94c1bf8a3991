package dev.shardline.firehose.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;

/** Puts and deliveries driven through the AWS SDK show up as Firehose's CloudWatch metrics, per delivery stream. */
class FirehoseMetricsTest extends FirehoseIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose();
    }

    @Test
    void incomingAndDeliveryMetricsCountEveryRecordPutAndDelivered() {
        String bucket = newBucket();
        String name = activeStream(firehose, bucket, "", 1, 1, "UNCOMPRESSED");
        List<byte[]> single = List.of(utf8("one\n"), utf8("two-two\n"), utf8("three-three-three\n"));
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(utf8("batched-" + i + "\n"));
        }
        long singleBytes = size(single);
        long batchBytes = size(batch);

        long firstPut = System.currentTimeMillis();
        for (byte[] data : single) {
            firehose.putRecord(r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromByteArray(data))));
        }
        firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(batch.stream()
                        .map(d ->
                                Record.builder().data(SdkBytes.fromByteArray(d)).build())
                        .toList()));

        assertThat(count("IncomingRecords", name)).isEqualTo(8);
        assertThat(count("IncomingBytes", name)).isEqualTo(singleBytes + batchBytes);
        assertThat(count("IncomingPutRequests", name)).isEqualTo(4);
        assertThat(count("PutRecord.Requests", name)).isEqualTo(3);
        assertThat(count("PutRecord.Bytes", name)).isEqualTo(singleBytes);
        assertThat(timer("PutRecord.Latency", name).count()).isEqualTo(3);
        assertThat(count("PutRecordBatch.Requests", name)).isEqualTo(1);
        assertThat(count("PutRecordBatch.Records", name)).isEqualTo(5);
        assertThat(count("PutRecordBatch.Bytes", name)).isEqualTo(batchBytes);
        assertThat(timer("PutRecordBatch.Latency", name).count()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("DeliveryToS3.Records", name) == 8);
        long waited = System.currentTimeMillis() - firstPut;
        assertThat(count("DeliveryToS3.Bytes", name)).isEqualTo(singleBytes + batchBytes);
        DistributionSummary success = summary("DeliveryToS3.Success", name);
        assertThat(success.count()).isPositive();
        assertThat(success.mean()).isEqualTo(1.0);
        // A batch is cut one interval (1 s) after it opened, which is after its oldest record arrived.
        DistributionSummary freshness = summary("DeliveryToS3.DataFreshness", name);
        assertThat(freshness.count()).isEqualTo(success.count());
        assertThat(freshness.max()).isBetween(1000.0, (double) waited);
        assertThat(objects(bucket)).isNotEmpty();
        // No ProcessingConfiguration: no processing metrics.
        assertThat(meters.find("firehose.ExecuteProcessing.Success")
                        .tag("deliveryStream", name)
                        .summary())
                .isNull();
    }

    @Test
    void metricsOfOneDeliveryStreamDoNotCountAnothersRecords() {
        String bucket = newBucket();
        String quiet = activeStream(firehose, bucket, "quiet/", 1, 1, "UNCOMPRESSED");
        String busy = activeStream(firehose, bucket, "busy/", 1, 1, "UNCOMPRESSED");

        firehose.putRecord(r -> r.deliveryStreamName(busy).record(x -> x.data(SdkBytes.fromUtf8String("x"))));

        assertThat(count("IncomingRecords", busy)).isEqualTo(1);
        assertThat(meters.find("firehose.IncomingRecords")
                        .tag("deliveryStream", quiet)
                        .counter())
                .isNull();
    }

    private long count(String metric, String stream) {
        Counter counter =
                meters.find("firehose." + metric).tag("deliveryStream", stream).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private Timer timer(String metric, String stream) {
        return meters.get("firehose." + metric).tag("deliveryStream", stream).timer();
    }

    private DistributionSummary summary(String metric, String stream) {
        return meters.get("firehose." + metric).tag("deliveryStream", stream).summary();
    }

    private static long size(List<byte[]> records) {
        return records.stream().mapToLong(r -> r.length).sum();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
