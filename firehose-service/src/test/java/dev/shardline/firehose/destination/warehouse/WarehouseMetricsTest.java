package dev.shardline.firehose.destination.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;

/**
 * Loads into the warehouse (the tests' PostgreSQL) show up as CloudWatch's {@code DeliveryToRedshift.*}: Records and
 * Bytes of the rows COPY loaded, Success per load (AWS: successful COPY commands over all COPY commands). A load that
 * fails is a failed delivery; one skipped past its retry duration (listed in an error manifest) loaded nothing.
 */
class WarehouseMetricsTest extends WarehouseIntegrationTest {

    private static final Duration LOAD = Duration.ofSeconds(30);

    @Autowired
    MeterRegistry meters;

    @Test
    void loadedRowsCountAsDeliveredToRedshift() throws Exception {
        sql("CREATE TABLE " + schema + ".counted (n int, word text)");
        String stream = warehouseStream(
                redshift(newBucket(), schema + ".counted", null, "CSV", CompressionFormat.UNCOMPRESSED));

        put(stream, List.of("1,one\n", "2,two\n", "3,three\n"));

        await().atMost(LOAD).until(() -> count("DeliveryToRedshift.Records", stream) == 3);
        assertThat(rows("SELECT count(*) FROM " + schema + ".counted")).containsExactly("3");
        assertThat(count("DeliveryToRedshift.Bytes", stream)).isEqualTo("1,one\n2,two\n3,three\n".length());
        DistributionSummary success = summary("DeliveryToRedshift.Success", stream);
        assertThat(success.count()).isPositive();
        assertThat(success.totalAmount()).isEqualTo(success.count());
        assertThat(summary("DeliveryToRedshift.DataFreshness", stream).count()).isPositive();
    }

    @Test
    void aFailingLoadIsAFailedDeliveryAndItsSkippedRowsAreNotCounted() throws Exception {
        String table = schema + ".absent";
        String bucket = newBucket();
        String stream = warehouseStream(redshift(bucket, table, null, "CSV", CompressionFormat.UNCOMPRESSED)
                .retryOptions(r -> r.durationInSeconds(1)));

        put(stream, List.of("1\n", "2\n"));

        // No table: the COPY fails, is retried for a second, then the batch is skipped into an error manifest.
        await().atMost(LOAD)
                .until(() ->
                        objects(bucket).stream().anyMatch(o -> o.key().startsWith(WarehouseWriter.ERROR_MANIFESTS)));
        // At least the first failed attempt and the skip.
        DistributionSummary success = await().atMost(LOAD)
                .until(() -> summary("DeliveryToRedshift.Success", stream), s -> s != null && s.count() >= 2);
        assertThat(success.totalAmount()).as("successful loads").isZero();
        assertThat(count("DeliveryToRedshift.Records", stream)).isZero();

        sql("CREATE TABLE " + table + " (n int)");
        put(stream, List.of("3\n"));
        await().atMost(LOAD).until(() -> count("DeliveryToRedshift.Records", stream) == 1);
        assertThat(rows("SELECT n FROM " + table)).containsExactly("3");
        assertThat(count("DeliveryToRedshift.Bytes", stream)).isEqualTo(2);
        assertThat(summary("DeliveryToRedshift.Success", stream).totalAmount()).isEqualTo(1);
    }

    private long count(String metric, String stream) {
        Counter counter =
                meters.find("firehose." + metric).tag("deliveryStream", stream).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private DistributionSummary summary(String metric, String stream) {
        return meters.find("firehose." + metric).tag("deliveryStream", stream).summary();
    }
}
