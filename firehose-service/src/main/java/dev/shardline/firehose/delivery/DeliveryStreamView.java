package dev.shardline.firehose.delivery;

import java.time.Instant;
import java.util.UUID;

/** A read-only copy of a delivery stream for the wire layers and the delivery workers. */
public record DeliveryStreamView(
        UUID id,
        DeliveryStreamRef ref,
        DeliveryStreamStatus status,
        String type,
        long versionId,
        String topic,
        Instant createdAt,
        Instant updatedAt,
        Source source,
        Destination destination,
        Encryption encryption) {

    /** The id of a delivery stream's one destination, as DescribeDeliveryStream shows it. */
    public static final String DESTINATION_ID = "destinationId-000000000001";

    public DeliveryStreamView {
        encryption = encryption == null ? Encryption.DISABLED : encryption;
    }

    /** A view of a stream without server-side encryption. */
    public DeliveryStreamView(
            UUID id,
            DeliveryStreamRef ref,
            DeliveryStreamStatus status,
            String type,
            long versionId,
            String topic,
            Instant createdAt,
            Instant updatedAt,
            Source source,
            Destination destination) {
        this(id, ref, status, type, versionId, topic, createdAt, updatedAt, source, destination, Encryption.DISABLED);
    }
}
