package dev.shardline.firehose.pipeline;

import java.util.List;

/**
 * What one write got into the destination itself, for its {@code DeliveryTo<destination>.*} metrics: the records and
 * bytes that arrived there (not those given up to the S3 backup or an error manifest), and whether the write delivered
 * all it was given. AWS counts a request or COPY that failed for good as a failed delivery, its records as not delivered.
 */
public record Delivered(long records, long bytes, boolean complete) {

    /** Every one of {@code outputs} arrived. */
    public static Delivered all(List<ProcessedBatch.Output> outputs) {
        return of(outputs, true);
    }

    public static Delivered of(List<ProcessedBatch.Output> outputs, boolean complete) {
        long bytes = 0;
        for (ProcessedBatch.Output output : outputs) {
            bytes += output.data().length;
        }
        return new Delivered(outputs.size(), bytes, complete);
    }
}
