package dev.shardline.firehose.destination.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deliveries to a real HTTP endpoint show up as CloudWatch's {@code DeliveryToHttpEndpoint.*}: Records and Bytes of
 * what the endpoint acknowledged, Success per delivery (1 delivered, 0 failed), DataFreshness of delivered records. A
 * request that fails for good is a failed delivery and its records, which go to the S3 backup, are not delivered.
 */
class FirehoseHttpDeliveryMetricsTest extends HttpEndpointIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void recordsTheEndpointAcknowledgedCountAsDelivered() {
        String name = create(newBucket(), endpoint.url(), h -> {});
        List<String> sent = List.of("a\n", "bb\n", "ccc\n");

        put(name, sent);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("DeliveryToHttpEndpoint.Records", name) == 3);
        assertThat(endpoint.acknowledgedRecords()).containsExactlyElementsOf(sent);
        assertThat(count("DeliveryToHttpEndpoint.Bytes", name)).isEqualTo(bytes(sent));
        DistributionSummary success = summary("DeliveryToHttpEndpoint.Success", name);
        assertThat(success.count()).isPositive();
        assertThat(success.totalAmount()).isEqualTo(success.count());
        DistributionSummary freshness = summary("DeliveryToHttpEndpoint.DataFreshness", name);
        assertThat(freshness.count()).isPositive();
        assertThat(freshness.max()).isBetween(0.0, 30_000.0);
    }

    @Test
    void aRequestThatFailsForGoodIsAFailedDeliveryWhoseRecordsAreNotCounted() {
        endpoint.answering((n, request) -> TestEndpoint.Answer.json(503, "{\"errorMessage\":\"maintenance\"}"));
        String bucket = newBucket();
        String name = create(bucket, endpoint.url(), h -> h.retryOptions(o -> o.durationInSeconds(0)));

        put(name, List.of("lost-1", "lost-2"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !failedLines(bucket).isEmpty());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.find("firehose.DeliveryToHttpEndpoint.Success")
                                .tag("deliveryStream", name)
                                .summary()
                        != null);
        DistributionSummary success = summary("DeliveryToHttpEndpoint.Success", name);
        assertThat(success.count()).isPositive();
        assertThat(success.totalAmount()).as("successful deliveries").isZero();
        assertThat(count("DeliveryToHttpEndpoint.Records", name)).isZero();
        assertThat(count("DeliveryToHttpEndpoint.Bytes", name)).isZero();

        // Back up: the next records are delivered, and only they count.
        endpoint.answering((n, request) -> TestEndpoint.Answer.ok(request));
        put(name, List.of("kept"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("DeliveryToHttpEndpoint.Records", name) == 1);
        assertThat(count("DeliveryToHttpEndpoint.Bytes", name)).isEqualTo(4);
        assertThat(summary("DeliveryToHttpEndpoint.Success", name).totalAmount())
                .isEqualTo(1);
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
