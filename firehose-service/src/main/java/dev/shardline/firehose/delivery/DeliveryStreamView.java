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
        S3Destination destination) {}
