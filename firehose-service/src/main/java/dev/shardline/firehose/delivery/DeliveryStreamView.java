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
        Destination destination) {

    /** The S3 destination; only for code that handles nothing else. */
    public S3Destination s3() {
        if (destination instanceof S3Destination s3) {
            return s3;
        }
        throw new IllegalStateException(ref.name() + " does not deliver to S3");
    }
}
