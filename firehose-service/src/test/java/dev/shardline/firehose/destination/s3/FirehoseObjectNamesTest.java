package dev.shardline.firehose.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.destination.Compression;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FirehoseObjectNamesTest {

    private static final UUID ID = UUID.fromString("2f1c7e52-4a3b-4c8e-9d1f-0a6b5c4d3e2f");
    private static final Instant ARRIVAL = Instant.parse("2026-11-25T07:04:05.678Z");
    private static final DeliveryStreamView STREAM = stream();

    @Test
    void anEmptyPrefixIsAwsDefaultHourPrefixInUtc() {
        assertThat(names(ZoneOffset.UTC, 42).key(hourly(""), "", ObjectNames.DATA, ARRIVAL, null, Map.of()))
                .matches("2026/11/25/07/clicks-1-2026-11-25-07-04-05-[0-9a-f-]{36}");
    }

    @Test
    void aPrefixWithoutExpressionsGetsTheHourPrefixAppendedAsInAws() {
        assertThat(names(ZoneOffset.UTC, 42).key(hourly("logs/"), ".gz", ObjectNames.DATA, ARRIVAL, null, Map.of()))
                .startsWith("logs/2026/11/25/07/clicks-1-2026-11-25-07-04-05-")
                .endsWith(".gz");
        assertThat(names(ZoneOffset.UTC, 42).key(hourly("raw"), "", ObjectNames.DATA, ARRIVAL, null, Map.of()))
                .startsWith("raw2026/11/25/07/");
    }

    @Test
    void theCustomTimeZoneAppliesToThePrefixAndTheObjectTime() {
        assertThat(names(ZoneId.of("Asia/Tokyo"), 42).key(hourly(""), "", ObjectNames.DATA, ARRIVAL, null, Map.of()))
                .startsWith("2026/11/25/16/clicks-1-2026-11-25-16-04-05-");
    }

    @Test
    void theSameBatchPositionAlwaysGetsTheSameNameAndAnotherPositionAnother() {
        PrefixTemplate prefix = PrefixTemplate.parse("Prefix", "!{firehose:random-string}/");
        String key = names(ZoneOffset.UTC, 42).key(prefix, "", ObjectNames.DATA, ARRIVAL, null, Map.of());
        assertThat(key)
                .matches("[A-Za-z0-9]{11}/clicks-.*")
                .isEqualTo(names(ZoneOffset.UTC, 42).key(prefix, "", ObjectNames.DATA, ARRIVAL, null, Map.of()))
                .isNotEqualTo(names(ZoneOffset.UTC, 43).key(prefix, "", ObjectNames.DATA, ARRIVAL, null, Map.of()));
        ObjectNames names = names(ZoneOffset.UTC, 42);
        assertThat(names.objectId(ObjectNames.DATA, Map.of()))
                .isNotEqualTo(names(ZoneOffset.UTC, 43).objectId(ObjectNames.DATA, Map.of()))
                .isNotEqualTo(new ObjectNames(STREAM, ZoneOffset.UTC, 1, 42).objectId(ObjectNames.DATA, Map.of()))
                .isNotEqualTo(names.objectId(ObjectNames.BACKUP, Map.of()))
                .isNotEqualTo(names.objectId(ObjectNames.error("processing-failed"), Map.of()))
                .isNotEqualTo(names.objectId(ObjectNames.DATA, Map.of("customer", "1")));
        assertThat(names.objectId(ObjectNames.DATA, Map.of("customer", "1")))
                .isNotEqualTo(names.objectId(ObjectNames.DATA, Map.of("customer", "2")));
    }

    @Test
    void eachRandomStringOfAPrefixIsElevenAlphanumericsOfItsOwn() {
        UUID id = names(ZoneOffset.UTC, 42).objectId(ObjectNames.DATA, Map.of());
        assertThat(ObjectNames.randomString(id, 0))
                .matches("[A-Za-z0-9]{11}")
                .isEqualTo(ObjectNames.randomString(id, 0))
                .isNotEqualTo(ObjectNames.randomString(id, 1));
    }

    private static PrefixTemplate hourly(String prefix) {
        return PrefixTemplate.parse("Prefix", prefix).withDefaultHour();
    }

    private static ObjectNames names(ZoneId zone, long firstOffset) {
        return new ObjectNames(STREAM, zone, 0, firstOffset);
    }

    private static DeliveryStreamView stream() {
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
                S3Destination.of(new S3Target(
                        "role", "arn:aws:s3:::b", "", "", BufferingHints.S3_DEFAULT, Compression.UNCOMPRESSED)));
    }
}
