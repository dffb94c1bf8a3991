package dev.shardline.firehose.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.platform.testing.InFlightObjects;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 refuses every write for a while (the destination bucket does not exist, and the service does not create buckets
 * here), then recovers: every record put meanwhile ends up in S3 exactly once. The log tells the outage in one WARN line
 * with the first failure's stack trace (not one per retry; repeats are summed up once a minute) and one line when
 * delivery succeeds again.
 */
class FirehoseS3OutageTest extends FirehoseIntegrationTest {

    private final ListAppender<ILoggingEvent> deliveryLog = new ListAppender<>();
    private final Logger workerLogger =
            (Logger) LoggerFactory.getLogger("dev.shardline.firehose.ingest.DeliveryWorker");
    private FirehoseClient firehose;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void setUp() {
        firehose = firehose();
        deliveryLog.start();
        workerLogger.addAppender(deliveryLog);
    }

    @AfterEach
    void tearDown() {
        workerLogger.detachAppender(deliveryLog);
    }

    @Test
    void recordsPutWhileS3FailsAreDeliveredExactlyOnceAfterItRecovers() {
        String bucket = uniqueName("later"); // not created yet: every write fails with NoSuchBucket
        String name = activeStream(firehose, bucket, "", 1, 1, "GZIP");
        List<String> sent = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            List<Record> batch = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String line = "record-" + call + "-" + i + "-" + "y".repeat(700);
                sent.add(line);
                batch.add(Record.builder()
                        .data(SdkBytes.fromUtf8String(line + "\n"))
                        .build());
            }
            assertThat(firehose.putRecordBatch(r -> r.deliveryStreamName(name).records(batch))
                            .failedPutCount())
                    .isZero();
        }

        // The outage is seen: the first batch has failed and been retried from its first offset.
        await().atMost(Duration.ofSeconds(30)).until(() -> failedDeliveries(name) >= 3);
        s3.createBucket(r -> r.bucket(bucket));

        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions() // an object renamed into place between the list and the read
                .until(() -> lines(bucket).size() >= sent.size());
        List<String> received = lines(bucket);
        assertThat(received).hasSameSizeAs(sent).containsExactlyInAnyOrderElementsOf(sent);
        // ~1.7 MB at a 1 MiB size hint: the backlog went out as more than one object, none of them twice.
        assertThat(written(bucket)).hasSizeGreaterThan(1);

        List<ILoggingEvent> logged = deliveryLog.list.stream()
                .filter(e -> e.getFormattedMessage().contains(name))
                .toList();
        assertThat(logged.stream().filter(e -> e.getLevel() == Level.WARN))
                .as("one WARN for the outage, however often it was retried")
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNotNull());
        assertThat(logged.stream().filter(e -> e.getLevel() == Level.INFO))
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("succeeds again after"));
    }

    /** Failed delivery attempts: the DeliveryToS3.Success summary records a 0 for each. */
    private double failedDeliveries(String name) {
        DistributionSummary attempts = meters.find("firehose.DeliveryToS3.Success")
                .tag("deliveryStream", name)
                .summary();
        return attempts == null ? 0 : attempts.count() - attempts.totalAmount();
    }

    private List<S3Object> written(String bucket) {
        return objects(bucket).stream()
                .filter(o -> !InFlightObjects.isInFlight(o.key()))
                .toList();
    }

    private List<String> lines(String bucket) {
        List<String> lines = new ArrayList<>();
        for (S3Object object : written(bucket)) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(read(bucket, object.key())))) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }
}
