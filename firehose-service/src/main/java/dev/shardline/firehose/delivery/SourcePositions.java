package dev.shardline.firehose.delivery;

/**
 * Where a delivery stream's reading of its source starts, and what it owns there (a buffer topic, a consumer group).
 * The lifecycle calls it; the data plane implements it, so the domain does not call into Kafka.
 */
public interface SourcePositions {

    /** Makes the stream's source ready to read; idempotent. */
    void prepare(DeliveryStreamView stream);

    /** Removes what the stream owns on its source's cluster; never a topic it does not own. */
    void release(DeliveryStreamView stream);
}
