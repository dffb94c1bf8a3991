package dev.shardline.firehose.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.destination.Compression;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import dev.shardline.platform.testing.InFlightObjects;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3BackupMode;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 destination's members end to end: the AWS SDK in, the real S3 API out. */
class FirehoseS3DestinationTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @Autowired
    private S3BatchWriter writer;

    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose();
    }

    @Test
    void expressionsCustomTimeZoneAndFileExtensionNameTheObjects() {
        String bucket = newBucket();
        String name = create(
                bucket,
                d -> d.prefix("events/!{timestamp:yyyy}/!{firehose:random-string}/")
                        .errorOutputPrefix("errors/!{firehose:error-output-type}/")
                        .customTimeZone("Asia/Tokyo")
                        .fileExtension(".json.gz")
                        .compressionFormat(CompressionFormat.GZIP));
        List<byte[]> records = List.of(utf8("{\"a\":1}\n"), utf8("{\"a\":2}\n"));

        put(name, records);

        S3Object object = single(bucket);
        Matcher key = Pattern.compile("events/(\\d{4})/[A-Za-z0-9]{11}/" + name
                        + "-1-(\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2})-[0-9a-f-]{36}\\.json\\.gz")
                .matcher(object.key());
        assertThat(key.matches()).as(object.key()).isTrue();
        LocalDateTime named = LocalDateTime.parse(key.group(2), DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss"));
        // The name's time is Tokyo's wall clock (UTC+9), not UTC's.
        assertThat(Duration.between(named, LocalDateTime.now(ZoneId.of("Asia/Tokyo")))
                        .abs())
                .isLessThan(Duration.ofMinutes(5));
        assertThat(key.group(1)).isEqualTo(Integer.toString(named.getYear()));
        assertThat(gunzip(read(bucket, object.key()))).isEqualTo(concat(records));

        ExtendedS3DestinationDescription described = describe(name);
        assertThat(described.prefix()).isEqualTo("events/!{timestamp:yyyy}/!{firehose:random-string}/");
        assertThat(described.errorOutputPrefix()).isEqualTo("errors/!{firehose:error-output-type}/");
        assertThat(described.customTimeZone()).isEqualTo("Asia/Tokyo");
        assertThat(described.fileExtension()).isEqualTo(".json.gz");
        assertThat(described.compressionFormat()).isEqualTo(CompressionFormat.GZIP);
    }

    @Test
    void zipSnappyAndHadoopSnappyObjectsDecompressToTheRecordsByteForByte() {
        List<byte[]> records = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] record = new byte[100 + random.nextInt(3000)];
            random.nextBytes(record);
            records.add(record);
        }
        byte[] expected = concat(records);
        Map<CompressionFormat, String> buckets = Map.of(
                CompressionFormat.ZIP, newBucket(),
                CompressionFormat.SNAPPY, newBucket(),
                CompressionFormat.HADOOP_SNAPPY, newBucket());
        Map<CompressionFormat, String> streams = Map.of(
                CompressionFormat.ZIP, create(buckets.get(CompressionFormat.ZIP), d -> d.compressionFormat("ZIP")),
                CompressionFormat.SNAPPY,
                        create(buckets.get(CompressionFormat.SNAPPY), d -> d.compressionFormat("Snappy")),
                CompressionFormat.HADOOP_SNAPPY,
                        create(
                                buckets.get(CompressionFormat.HADOOP_SNAPPY),
                                d -> d.compressionFormat("HADOOP_SNAPPY")));
        streams.values().forEach(name -> put(name, records));

        S3Object zip = single(buckets.get(CompressionFormat.ZIP));
        assertThat(zip.key()).endsWith(".zip");
        assertThat(unzip(read(buckets.get(CompressionFormat.ZIP), zip.key()), zip.key()))
                .isEqualTo(expected);
        S3Object snappy = single(buckets.get(CompressionFormat.SNAPPY));
        assertThat(snappy.key()).endsWith(".snappy");
        assertThat(unsnappyFramed(read(buckets.get(CompressionFormat.SNAPPY), snappy.key())))
                .isEqualTo(expected);
        S3Object hadoop = single(buckets.get(CompressionFormat.HADOOP_SNAPPY));
        assertThat(hadoop.key()).endsWith(".snappy");
        assertThat(unsnappyHadoop(read(buckets.get(CompressionFormat.HADOOP_SNAPPY), hadoop.key())))
                .isEqualTo(expected);
        assertThat(describe(streams.get(CompressionFormat.SNAPPY)).compressionFormat())
                .isEqualTo(CompressionFormat.SNAPPY);
    }

    @Test
    void withS3BackupEnabledTheSourceRecordsAlsoGoToTheBackupBucketWithItsCompression() {
        String bucket = newBucket();
        String backupBucket = newBucket();
        String name = create(
                bucket,
                d -> d.prefix("data/")
                        .s3BackupMode(S3BackupMode.ENABLED)
                        .s3BackupConfiguration(b -> b.roleARN(ROLE)
                                .bucketARN("arn:aws:s3:::" + backupBucket)
                                .prefix("source/")
                                .compressionFormat(CompressionFormat.GZIP)));
        List<byte[]> records = List.of(utf8("one\n"), utf8("two\n"), utf8("three\n"));

        put(name, records);

        S3Object data = single(bucket);
        assertThat(data.key()).startsWith("data/");
        assertThat(read(bucket, data.key())).isEqualTo(concat(records));
        S3Object backup = single(backupBucket);
        assertThat(backup.key())
                .startsWith("source/")
                .contains("/" + name + "-1-")
                .endsWith(".gz");
        assertThat(gunzip(read(backupBucket, backup.key()))).isEqualTo(concat(records));

        ExtendedS3DestinationDescription described = describe(name);
        assertThat(described.s3BackupMode()).isEqualTo(S3BackupMode.ENABLED);
        assertThat(described.s3BackupDescription().bucketARN()).isEqualTo("arn:aws:s3:::" + backupBucket);
        assertThat(described.s3BackupDescription().prefix()).isEqualTo("source/");
        assertThat(described.s3BackupDescription().compressionFormat()).isEqualTo(CompressionFormat.GZIP);
    }

    @Test
    void prefixesTimeZonesAndExtensionsAwsRefusesAreRefused() {
        String bucket = newBucket();
        assertThatThrownBy(() -> create(bucket, d -> d.prefix("y=!{timestamp:yyyy}/")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
        assertThatThrownBy(() -> create(bucket, d -> d.prefix("!{nope:x}/").errorOutputPrefix("e/")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("unknown namespace 'nope'");
        assertThatThrownBy(
                        () -> create(bucket, d -> d.prefix("!{timestamp:bbb}/").errorOutputPrefix("e/")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("is not a valid Java DateTimeFormatter pattern");
        assertThatThrownBy(() -> create(
                        bucket,
                        d -> d.prefix("p/!{firehose:error-output-type}/")
                                .errorOutputPrefix("e/!{firehose:error-output-type}/")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Prefix cannot contain !{firehose:error-output-type}");
        assertThatThrownBy(() -> create(
                        bucket,
                        d -> d.prefix("c=!{partitionKeyFromQuery:c}/")
                                .errorOutputPrefix("e/!{firehose:error-output-type}/")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("can only be used when dynamic partitioning is enabled");
        assertThatThrownBy(() -> create(
                        bucket,
                        d -> d.prefix("y=!{timestamp:yyyy}/")
                                .errorOutputPrefix("e/!{firehose:error-output-type}/")
                                .dynamicPartitioningConfiguration(p -> p.enabled(true))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Dynamic partitioning is enabled, but the Prefix has no partitionKeyFromQuery");
        assertThatThrownBy(() -> create(
                        bucket,
                        d -> d.prefix("c=!{partitionKeyFromQuery:c}/")
                                .errorOutputPrefix("e/!{firehose:error-output-type}/")
                                .dynamicPartitioningConfiguration(p -> p.enabled(true))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("needs an enabled MetadataExtraction processor");
        assertThatThrownBy(() -> create(bucket, d -> d.customTimeZone("Mars/Olympus")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("CustomTimeZone Mars/Olympus is not a supported time zone");
        assertThatThrownBy(() -> create(bucket, d -> d.fileExtension("gz")))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value 'gz' at 'extendedS3DestinationConfiguration.fileExtension' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> create(bucket, d -> d.s3BackupMode(S3BackupMode.ENABLED)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("S3BackupConfiguration is required when S3BackupMode is Enabled");
    }

    @Test
    void dynamicPartitionsAndTheErrorOutputAreWrittenOnceEvenWhenTheBatchIsWrittenAgain() {
        String bucket = newBucket();
        S3Destination destination = new S3Destination(
                ROLE,
                "arn:aws:s3:::" + bucket,
                "customer=!{partitionKeyFromQuery:customer}/!{timestamp:yyyy}/",
                "errors/!{firehose:error-output-type}/",
                BufferingHints.S3_DEFAULT,
                Compression.GZIP,
                null,
                null,
                Processing.NONE,
                true,
                "Disabled",
                null);
        DeliveryStreamView stream = view(destination);
        Instant arrival = Instant.parse("2026-11-25T07:04:05Z");
        List<BufferedRecord> source = new ArrayList<>();
        List<ProcessedBatch.Output> delivered = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            BufferedRecord record = new BufferedRecord(0, 10 + i, arrival.plusSeconds(i), utf8("r" + i + "\n"), null);
            source.add(record);
            delivered.add(new ProcessedBatch.Output(record, record.data(), Map.of("customer", i % 2 == 0 ? "a" : "b")));
        }
        BufferedRecord bad = new BufferedRecord(0, 16, arrival.plusSeconds(6), utf8("not json"), null);
        source.add(bad);
        ProcessedBatch processed = new ProcessedBatch(
                delivered,
                List.of(new ProcessedBatch.Failed(
                        bad, "processing-failed", "DynamicPartitioning.MetadataExtractionFailed", "not JSON")));

        writer.write(stream, destination, 0, 10, source, processed);
        writer.write(stream, destination, 0, 10, source, processed); // a replay after a crash

        List<S3Object> objects = objects(bucket);
        assertThat(objects).hasSize(3);
        assertThat(objects)
                .extracting(S3Object::key)
                .anySatisfy(k -> assertThat(k).startsWith("customer=a/2026/clicks-1-2026-11-25-07-04-05-"))
                .anySatisfy(k -> assertThat(k).startsWith("customer=b/2026/clicks-1-2026-11-25-07-04-06-"))
                .anySatisfy(k -> assertThat(k).startsWith("errors/processing-failed/2026/11/25/07/clicks-1-"));
        for (S3Object object : objects) {
            if (object.key().startsWith("customer=a/")) {
                assertThat(text(gunzip(read(bucket, object.key())))).isEqualTo("r0\nr2\nr4\n");
            } else if (object.key().startsWith("customer=b/")) {
                assertThat(text(gunzip(read(bucket, object.key())))).isEqualTo("r1\nr3\nr5\n");
            } else {
                assertThat(text(read(bucket, object.key())))
                        .contains("\"errorCode\":\"DynamicPartitioning.MetadataExtractionFailed\"")
                        .contains("\"rawData\":\"bm90IGpzb24=\"");
            }
        }
    }

    private String create(String bucket, Consumer<ExtendedS3DestinationConfiguration.Builder> customize) {
        String name = uniqueName("s3");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name).extendedS3DestinationConfiguration(d -> {
            d.roleARN(ROLE)
                    .bucketARN("arn:aws:s3:::" + bucket)
                    .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1));
            customize.accept(d);
        }));
        awaitActive(firehose, name);
        return name;
    }

    private ExtendedS3DestinationDescription describe(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                .deliveryStreamDescription()
                .destinations()
                .get(0)
                .extendedS3DestinationDescription();
    }

    private void put(String name, List<byte[]> records) {
        assertThat(firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                                .records(records.stream()
                                        .map(data -> Record.builder()
                                                .data(SdkBytes.fromByteArray(data))
                                                .build())
                                        .toList()))
                        .failedPutCount())
                .isZero();
    }

    /** The one object a small put becomes, once the 1 s interval has passed. */
    private S3Object single(String bucket) {
        List<S3Object> objects = await().atMost(Duration.ofSeconds(30)).until(() -> written(bucket), o -> !o.isEmpty());
        assertThat(objects).hasSize(1);
        return objects.get(0);
    }

    private List<S3Object> written(String bucket) {
        return objects(bucket).stream()
                .filter(o -> !InFlightObjects.isInFlight(o.key()))
                .toList();
    }

    private static DeliveryStreamView view(S3Destination destination) {
        Instant now = Instant.now();
        return new DeliveryStreamView(
                UUID.randomUUID(),
                new DeliveryStreamRef("000000000000", "us-east-1", "clicks"),
                DeliveryStreamStatus.ACTIVE,
                "DirectPut",
                1,
                "topic",
                now,
                now,
                new Source.DirectPut(),
                destination);
    }

    private static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive holds one entry, named as the object without its .zip. */
    private static byte[] unzip(byte[] body, String key) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(body))) {
            ZipEntry entry = in.getNextEntry();
            String file = key.substring(key.lastIndexOf('/') + 1);
            assertThat(entry.getName()).isEqualTo(file.substring(0, file.length() - ".zip".length()));
            byte[] content = in.readAllBytes();
            assertThat(in.getNextEntry()).isNull();
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unsnappyFramed(byte[] body) {
        try (SnappyFramedInputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hadoop's BlockDecompressorStream: blocks of (raw length, then chunks of (compressed length, bytes)). */
    private static byte[] unsnappyHadoop(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            while (in.available() > 0) {
                int raw = in.readInt();
                int read = 0;
                while (read < raw) {
                    byte[] chunk = new byte[in.readInt()];
                    in.readFully(chunk);
                    byte[] plain = Snappy.uncompress(chunk);
                    out.writeBytes(plain);
                    read += plain.length;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
