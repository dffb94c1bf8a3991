package dev.shardline.firehose.pipeline;

import dev.shardline.firehose.buffer.PendingBatch;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import org.springframework.stereotype.Component;

/** Delivers every record as it came: what a delivery stream without a ProcessingConfiguration does. */
@Component
class PassThroughProcessing implements RecordProcessing {

    @Override
    public ProcessedBatch process(DeliveryStreamView stream, PendingBatch batch) {
        return ProcessedBatch.unprocessed(batch.records());
    }
}
