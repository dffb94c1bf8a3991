package dev.shardline.firehose.destination.http;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Name-based UUIDs of a position in a delivery stream's buffer: the same records always get the same request id and
 * object names, so a retry or a replay after a crash repeats a request or overwrites an object instead of adding one.
 */
final class PositionIds {

    private PositionIds() {}

    /** The id of what {@code kind} (a request, a backup object, ...) is made from the records at this position. */
    static UUID of(String kind, DeliveryStreamView stream, int partition, long offset) {
        byte[] name = kind.getBytes(StandardCharsets.UTF_8);
        ByteBuffer position = ByteBuffer.allocate(name.length + 16 + 4 + 8)
                .put(name)
                .putLong(stream.id().getMostSignificantBits())
                .putLong(stream.id().getLeastSignificantBits())
                .putInt(partition)
                .putLong(offset);
        return UUID.nameUUIDFromBytes(position.array());
    }
}
