package dev.shardline.firehose.delivery;

import java.util.UUID;

/** Lifecycle events that the delivery workers follow, so the domain does not call into the data plane. */
public final class DeliveryStreamEvents {

    private DeliveryStreamEvents() {}

    /** The stream's buffer topic exists and it is ACTIVE: its records can be delivered. */
    public record Activated(DeliveryStreamView stream) {}

    /**
     * The stream's destination changed (a new VersionId): its delivery workers restart with it. Published inside the
     * transaction; listeners act after commit.
     */
    public record DestinationUpdated(DeliveryStreamView stream) {}

    /** The stream is about to lose its buffer topic: stop delivering it. Published synchronously. */
    public record Removing(UUID id) {}
}
