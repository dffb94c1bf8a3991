package dev.shardline.firehose.pipeline;

import dev.shardline.firehose.delivery.DeliveryStreamView;

/** Runs a delivery stream's processors over a batch before it is delivered. */
public interface RecordProcessing {

    /**
     * The batch's records after the destination's ProcessingConfiguration. Throws when processing could not run at all
     * and should be retried (the batch is then delivered again later); a record the processors reject is returned as
     * failed instead.
     */
    ProcessedBatch process(DeliveryStreamView stream, PendingBatch batch);
}
