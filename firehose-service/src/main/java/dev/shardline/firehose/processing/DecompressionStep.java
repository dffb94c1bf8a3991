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
    /** A record of at most 1,000 KiB that expands beyond this is a decompression bomb, not a log batch. */
    static final int MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

    @Override
    public Result apply(DeliveryStreamView stream, PendingBatch batch, List<ProcessingRecord> records) {
        Result result = Result.collecting();
        for (ProcessingRecord record : records) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(record.data()))) {
                byte[] data = in.readNBytes(MAX_DECOMPRESSED_BYTES + 1);
                if (data.length > MAX_DECOMPRESSED_BYTES) {
                    result.fail(
                            record,
                            ERROR_OUTPUT_TYPE,
                            ERROR_CODE,
                            "Decompression failed: the record expands to more than " + MAX_DECOMPRESSED_BYTES
                                    + " bytes");
                } else {
                    result.pass(record.withData(data));
                }
            } catch (IOException e) {
                result.fail(record, ERROR_OUTPUT_TYPE, ERROR_CODE, "Decompression failed: " + e.getMessage());
            }
        }
        return result;
    }
}
