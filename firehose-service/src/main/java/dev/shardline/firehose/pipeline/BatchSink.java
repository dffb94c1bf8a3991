package dev.shardline.firehose.pipeline;

import dev.shardline.firehose.delivery.DeliveryStreamView;

/** A destination: it has the batch when {@link #deliver} returns, and may be handed the same batch again. */
public interface BatchSink {

    /** Delivers the batch idempotently: the same batch delivered twice leaves one copy at the destination. */
    void deliver(DeliveryStreamView stream, PendingBatch batch);
}
