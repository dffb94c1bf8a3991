package dev.shardline.firehose.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.TestFirehoseApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Records put through the AWS SDK reach S3 as the buffering hints say, each exactly once. */
class FirehoseDeliveryTest extends FirehoseIntegrationTest {

    private static final int KIB = 1024;

    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose(); // after the server's random port is injected
    }

    @Test
    void aBatchIsFlushedOnceItReachesTheSizeHint() {
        String bucket = newBucket();
        String name = activeStream(firehose, bucket, "", 1, 900, "UNCOMPRESSED");
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] record = new byte[64 * KIB];
            Arrays.fill(record, (byte) ('a' + i));
            records.add(record);
        }
        Instant before = Instant.now();
        put(name, records.subList(0, 10));
        put(name, records.subList(10, 20));

        // 16 records of 64 KiB make 1 MiB: that batch goes out at once, the other 4 wait for the 900 s interval.
        List<S3Object> objects = await().atMost(Duration.ofSeconds(30)).until(() -> objects(bucket), o -> !o.isEmpty());
        assertThat(objects).hasSize(1);
        assertThat(read(bucket, objects.get(0).key())).isEqualTo(concat(records.subList(0, 16)));
        String hour = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/")
                .withZone(ZoneOffset.UTC)
                .format(before);
        assertThat(objects.get(0).key())
                .startsWith(hour + name + "-1-")
                .matches(".*-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    }

    @Test
    void aBatchIsFlushedWhenTheIntervalPassesEvenWithoutNewData() {
        String bucket = newBucket();
        String name = activeStream(firehose, bucket, "events/", 128, 2, "UNCOMPRESSED");
        List<byte[]> records = List.of(utf8("first\n"), utf8("second\n"), utf8("third\n"));

        Instant put = Instant.now();
        put(name, records);

        List<S3Object> objects = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> objects(bucket), o -> !o.isEmpty());
        Duration waited = Duration.between(put, Instant.now());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).key()).startsWith("events/").contains("/" + name + "-1-");
        assertThat(new String(read(bucket, objects.get(0).key()), StandardCharsets.UTF_8))
                .isEqualTo("first\nsecond\nthird\n");
    }

    @Test
    void everyRecordPutComesOutOfS3ExactlyOnce() {
        String bucket = newBucket();
        String name = activeStream(firehose, bucket, "", 1, 1, "GZIP");
        List<String> sent = new ArrayList<>();
        for (int call = 0; call < 8; call++) {
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String line = "record-" + call + "-" + i + "-" + "x".repeat(400);
                sent.add(line);
                batch.add(utf8(line + "\n"));
            }
            put(name, batch);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> lines(bucket).size() >= sent.size());
        List<String> received = lines(bucket);
        assertThat(received).hasSameSizeAs(sent).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(objects(bucket)).allSatisfy(o -> assertThat(o.key()).endsWith(".gz"));
        // 2,000,000+ bytes at a 1 MiB size hint: more than one object.
        assertThat(objects(bucket)).hasSizeGreaterThan(1);
    }

    @Test
    void aBatchDeliveredAgainAfterACrashOverwritesItsOwnObject() {
        String bucket = newBucket();
        String name = uniqueName("delivery");
        TestFirehoseApplication.CRASH_AFTER_NEXT_WRITE.add(name);
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))));
        awaitActive(firehose, name);

        put(name, List.of(utf8("a\n"), utf8("b\n"), utf8("c\n")));

        // The first delivery writes its object, then "crashes" before committing; the batch is read again from
        // Kafka and delivered a second time, from the same position, onto the same key.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestFirehoseApplication.DELIVERIES
                                .getOrDefault(name, List.of())
                                .size()
                        >= 2);
        assertThat(TestFirehoseApplication.DELIVERIES.get(name)).containsExactly("0:0-2", "0:0-2");
        List<S3Object> objects = objects(bucket);
        assertThat(objects).hasSize(1);
        assertThat(new String(read(bucket, objects.get(0).key()), StandardCharsets.UTF_8))
                .isEqualTo("a\nb\nc\n");

        // Later records go to a new object of their own: the replayed batch was committed once.
        put(name, List.of(utf8("d\n")));
        await().atMost(Duration.ofSeconds(30)).until(() -> objects(bucket).size() == 2);
        assertThat(TestFirehoseApplication.DELIVERIES.get(name)).containsExactly("0:0-2", "0:0-2", "0:3-3");
        assertThat(lines(bucket, false)).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void aBatchDeliveredAgainEndsAtTheSameOffsetEvenWhenMoreRecordsArrivedMeanwhile() {
        String bucket = newBucket();
        String name = uniqueName("delivery");
        TestFirehoseApplication.CRASH_AFTER_NEXT_WRITE.add(name);
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(3))));
        awaitActive(firehose, name);

        put(name, List.of(utf8("a\n"), utf8("b\n")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !TestFirehoseApplication.DELIVERIES
                        .getOrDefault(name, List.of())
                        .isEmpty());
        // Within the 3 s a re-cut batch would wait, more records arrive: the replay still ends where the first
        // attempt ended (its mark is in the partition's commit), and they go into the next batch.
        put(name, List.of(utf8("c\n"), utf8("d\n")));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestFirehoseApplication.DELIVERIES.get(name).size() >= 3);
        assertThat(TestFirehoseApplication.DELIVERIES.get(name)).containsExactly("0:0-1", "0:0-1", "0:2-3");
        assertThat(lines(bucket, false)).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    private void put(String name, List<byte[]> records) {
        PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(records.stream()
                        .map(data -> Record.builder()
                                .data(SdkBytes.fromByteArray(data))
                                .build())
                        .toList()));
        assertThat(response.failedPutCount()).isZero();
    }

    private List<String> lines(String bucket) {
        return lines(bucket, true);
    }

    private List<String> lines(String bucket, boolean gzip) {
        List<String> lines = new ArrayList<>();
        for (S3Object object : objects(bucket)) {
            byte[] body = read(bucket, object.key());
            String text = new String(gzip ? gunzip(body) : body, StandardCharsets.UTF_8);
            text.lines().forEach(lines::add);
        }
        return lines;
    }

    private static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
