package dev.shardline.firehose.processing;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.PendingBatch;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.util.ArrayList;
import java.util.List;

/** One configured processor: takes the records that passed the previous one, returns those that pass it. */
interface ProcessorStep {

    Result apply(DeliveryStreamView stream, PendingBatch batch, List<ProcessingRecord> records);

    /** The records that go on, and those that go to the error output; records dropped on purpose are in neither. */
    record Result(List<ProcessingRecord> passed, List<ProcessedBatch.Failed> failed) {

        static Result collecting() {
            return new Result(new ArrayList<>(), new ArrayList<>());
        }

        void pass(ProcessingRecord record) {
            passed.add(record);
        }

        void fail(ProcessingRecord record, String errorOutputType, String errorCode, String errorMessage) {
            failed.add(new ProcessedBatch.Failed(record.source(), errorOutputType, errorCode, errorMessage));
        }
    }
}
