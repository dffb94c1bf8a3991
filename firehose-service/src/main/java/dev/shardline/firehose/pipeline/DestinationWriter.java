package dev.shardline.firehose.pipeline;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Destination;

/**
 * Delivers processed batches to one type of destination. It has the batch when {@link #write} returns and may be
 * handed the same batch again (after a crash or a failed commit): writing it twice must leave one copy.
 */
public interface DestinationWriter<D extends Destination> {

    Class<D> destinationType();

    /** The destination's part of the CloudWatch metric names: {@code DeliveryTo<name>.Success}, e.g. S3. */
    String metricName();

    /** Delivers the batch, or throws so that it is delivered again later; returns what reached the destination. */
    Delivered write(DeliveryStreamView stream, D destination, PendingBatch batch, ProcessedBatch processed);
}
