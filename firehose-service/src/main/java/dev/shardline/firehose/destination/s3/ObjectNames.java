package dev.shardline.firehose.destination.s3;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Firehose's S3 object names: {@code <evaluated prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<id><ext>}, where
 * AWS's random id (and every {@code !{firehose:random-string}}) is here derived from the batch's position in the
 * buffer and the object's place in the batch, so that a batch delivered again writes the same keys.
 */
public final class ObjectNames {

    private static final DateTimeFormatter OBJECT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int RANDOM_STRING_LENGTH = 11;

    /** Which of a batch's objects: its data (per partition key values), its error output, its source backup. */
    static final String DATA = "";

    static final String BACKUP = "backup";

    private final DeliveryStreamView stream;
    private final ZoneId zone;
    private final int partition;
    private final long firstOffset;

    ObjectNames(DeliveryStreamView stream, ZoneId zone, int partition, long firstOffset) {
        this.stream = stream;
        this.zone = zone;
        this.partition = partition;
        this.firstOffset = firstOffset;
    }

    /**
     * The key of a batch's one object in a plain S3 location (the intermediate or backup bucket of another
     * destination): the location's prefix, AWS's default hour prefix when it has no timestamp expression, UTC.
     */
    public static String key(
            DeliveryStreamView stream, S3Target target, int partition, long firstOffset, Instant oldestArrival) {
        return new ObjectNames(stream, ZoneOffset.UTC, partition, firstOffset)
                .key(
                        PrefixTemplate.parse("Prefix", target.prefix()).withDefaultHour(),
                        target.compression().extension(),
                        DATA,
                        oldestArrival,
                        null,
                        Map.of());
    }

    static String error(String errorOutputType) {
        return "error:" + errorOutputType;
    }

    /**
     * The key of one object of the batch.
     *
     * @param kind {@link #DATA}, {@link #BACKUP} or {@link #error}: objects of one batch never share an id
     * @param oldestArrival the arrival of the object's oldest record: its prefix's time and its name's
     */
    String key(
            PrefixTemplate prefix,
            String extension,
            String kind,
            Instant oldestArrival,
            String errorOutputType,
            Map<String, String> partitionKeys) {
        UUID id = objectId(kind, partitionKeys);
        String evaluated =
                prefix.evaluate(oldestArrival, zone, errorOutputType, partitionKeys, n -> randomString(id, n));
        return evaluated
                + stream.ref().name()
                + "-" + stream.versionId()
                + "-" + OBJECT_TIME.format(oldestArrival.atZone(zone))
                + "-" + id
                + extension;
    }

    /**
     * A name-based UUID of (stream id, partition, first offset), and of the object's kind and partition key values
     * when it is not the batch's one data object: the same object of the same batch always gets the same id.
     */
    UUID objectId(String kind, Map<String, String> partitionKeys) {
        byte[] discriminator = DATA.equals(kind) && partitionKeys.isEmpty()
                ? new byte[0]
                : (kind + "\0" + new TreeMap<>(partitionKeys)).getBytes(StandardCharsets.UTF_8);
        ByteBuffer position = ByteBuffer.allocate(16 + 4 + 8 + discriminator.length)
                .putLong(stream.id().getMostSignificantBits())
                .putLong(stream.id().getLeastSignificantBits())
                .putInt(partition)
                .putLong(firstOffset)
                .put(discriminator);
        return UUID.nameUUIDFromBytes(position.array());
    }

    /** AWS's 11 alphanumeric characters, here a function of the object's id and the occurrence in its prefix. */
    static String randomString(UUID objectId, int occurrence) {
        ByteBuffer seed = ByteBuffer.allocate(20)
                .putLong(objectId.getMostSignificantBits())
                .putLong(objectId.getLeastSignificantBits())
                .putInt(occurrence);
        UUID bits = UUID.nameUUIDFromBytes(seed.array());
        long high = bits.getMostSignificantBits();
        long low = bits.getLeastSignificantBits();
        StringBuilder out = new StringBuilder(RANDOM_STRING_LENGTH);
        for (int i = 0; i < RANDOM_STRING_LENGTH; i++) {
            long source = i < 6 ? high >>> (i * 10) : low >>> ((i - 6) * 10);
            out.append(ALPHANUMERIC[(int) ((source & 0x3FF) % ALPHANUMERIC.length)]);
        }
        return out.toString();
    }
}
