package dev.shardline.firehose.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.delivery.Compression;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.S3Destination;
import dev.shardline.firehose.delivery.S3Target;
import dev.shardline.firehose.delivery.Source;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FirehoseObjectNamesTest {

    private static final UUID ID = UUID.fromString("2f1c7e52-4a3b-4c8e-9d1f-0a6b5c4d3e2f");
    private static final Instant ARRIVAL = Instant.parse("2026-11-25T07:04:05.678Z");

    @Test
    void anEmptyPrefixIsAwsDefaultHourPrefixInUtc() {
        String key = ObjectNames.key(
                stream("", Compression.UNCOMPRESSED), s3(stream("", Compression.UNCOMPRESSED)), 0, 42, ARRIVAL);
        assertThat(key).matches("2026/11/25/07/clicks-1-2026-11-25-07-04-05-[0-9a-f-]{36}");
    }

    @Test
    void aPrefixWithoutExpressionsGetsTheHourPrefixAppendedAsInAws() {
        assertThat(ObjectNames.key(
                        stream("logs/", Compression.GZIP), s3(stream("logs/", Compression.GZIP)), 0, 42, ARRIVAL))
                .startsWith("logs/2026/11/25/07/clicks-1-2026-11-25-07-04-05-")
                .endsWith(".gz");
        assertThat(ObjectNames.key(
                        stream("raw", Compression.UNCOMPRESSED),
                        s3(stream("raw", Compression.UNCOMPRESSED)),
                        0,
                        42,
                        ARRIVAL))
                .startsWith("raw2026/11/25/07/");
    }

    @Test
    void theSameBatchPositionAlwaysGetsTheSameNameAndAnotherPositionAnother() {
        DeliveryStreamView stream = stream("", Compression.UNCOMPRESSED);
        assertThat(ObjectNames.key(stream, s3(stream), 0, 42, ARRIVAL))
                .isEqualTo(ObjectNames.key(stream, s3(stream), 0, 42, ARRIVAL));
        assertThat(ObjectNames.objectId(stream, 0, 42))
                .isNotEqualTo(ObjectNames.objectId(stream, 0, 43))
                .isNotEqualTo(ObjectNames.objectId(stream, 1, 42));
    }

    private static DeliveryStreamView stream(String prefix, Compression compression) {
        return new DeliveryStreamView(
                ID,
                new DeliveryStreamRef("000000000000", "us-east-1", "clicks"),
                DeliveryStreamStatus.ACTIVE,
                "DirectPut",
                1,
                "topic",
                ARRIVAL,
                ARRIVAL,
                new Source.DirectPut(),
                S3Destination.of(
                        new S3Target("role", "arn:aws:s3:::b", prefix, "", BufferingHints.S3_DEFAULT, compression)));
    }

    private static S3Destination s3(DeliveryStreamView stream) {
        return stream.s3();
    }
}
