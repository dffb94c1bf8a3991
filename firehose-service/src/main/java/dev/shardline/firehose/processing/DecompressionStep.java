package dev.shardline.firehose.processing;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.PendingBatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Decompression (GZIP): what CloudWatch Logs subscription filters send, one gzip member or more per record. */
final class DecompressionStep implements ProcessorStep {

    static final String ERROR_OUTPUT_TYPE = "decompression-failed";
    static final String ERROR_CODE = "Decompression.Failed";

    @Override
    public Result apply(DeliveryStreamView stream, PendingBatch batch, List<ProcessingRecord> records) {
        Result result = Result.collecting();
        for (ProcessingRecord record : records) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(record.data()))) {
                result.pass(record.withData(in.readAllBytes()));
            } catch (IOException e) {
                result.fail(record, ERROR_OUTPUT_TYPE, ERROR_CODE, "Decompression failed: " + e.getMessage());
            }
        }
        return result;
    }
}
