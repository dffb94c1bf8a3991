package dev.shardline.firehose.s3;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.S3Destination;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Firehose's S3 object names: {@code <prefix><YYYY/MM/DD/HH/><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<id><ext>}, in
 * UTC, where AWS's random id is here derived from the batch's position in the buffer, so that a batch delivered
 * again gets the same name.
 */
public final class ObjectNames {

    private static final DateTimeFormatter HOUR_PREFIX =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OBJECT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

    private ObjectNames() {}

    /**
     * The key of a batch. As in AWS, a prefix without {@code !{timestamp:...}} expressions (which are not evaluated
     * yet and refused at creation) gets the hour prefix appended; an empty prefix is just the hour prefix.
     */
    public static String key(
            DeliveryStreamView stream,
            S3Destination destination,
            int partition,
            long firstOffset,
            Instant firstArrival) {
        return destination.prefix()
                + HOUR_PREFIX.format(firstArrival)
                + stream.ref().name()
                + "-" + stream.versionId()
                + "-" + OBJECT_TIME.format(firstArrival)
                + "-" + objectId(stream, partition, firstOffset)
                + destination.compression().extension();
    }

    /** A name-based UUID of (stream id, partition, first offset): the same batch always gets the same id. */
    static UUID objectId(DeliveryStreamView stream, int partition, long firstOffset) {
        ByteBuffer position = ByteBuffer.allocate(16 + 4 + 8)
                .putLong(stream.id().getMostSignificantBits())
                .putLong(stream.id().getLeastSignificantBits())
                .putInt(partition)
                .putLong(firstOffset);
        return UUID.nameUUIDFromBytes(position.array());
    }
}
