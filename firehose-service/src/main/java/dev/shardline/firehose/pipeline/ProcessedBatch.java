package dev.shardline.firehose.pipeline;

import java.util.List;
import java.util.Map;

/**
 * A batch after its delivery stream's processors: the records to deliver, and those that processing failed or that
 * could not be delivered, which go to the error output instead. Dropped records are in neither list.
 */
public record ProcessedBatch(List<Output> delivered, List<Failed> failed) {

    public ProcessedBatch {
        delivered = List.copyOf(delivered);
        failed = List.copyOf(failed);
    }

    /** The error output type of records that failed before or in processing. */
    public static final String PROCESSING_FAILED = "processing-failed";

    /**
     * Every record as it came, of a delivery stream without processing: the readable ones delivered, those the source
     * reader could not read {@link #unreadable failed}.
     */
    public static ProcessedBatch unprocessed(List<BufferedRecord> records) {
        return new ProcessedBatch(
                readable(records).stream()
                        .map(r -> new Output(r, r.data(), Map.of()))
                        .toList(),
                unreadable(records));
    }

    /** The records that the source reader could read: what processors and destinations get. */
    public static List<BufferedRecord> readable(List<BufferedRecord> records) {
        return records.stream().filter(r -> !r.isUnreadable()).toList();
    }

    /** The records that the source reader could not read, as processing-failed records of the error output. */
    public static List<Failed> unreadable(List<BufferedRecord> records) {
        return records.stream()
                .filter(BufferedRecord::isUnreadable)
                .map(r -> new Failed(r, PROCESSING_FAILED, BufferedRecord.UNREADABLE_ERROR_CODE, r.unreadable()))
                .toList();
    }

    /**
     * A record to deliver.
     *
     * @param source the record as read from the source
     * @param data its bytes after processing
     * @param partitionKeys its dynamic partitioning keys (from MetadataExtraction or the function's metadata)
     */
    public record Output(BufferedRecord source, byte[] data, Map<String, String> partitionKeys) {

        public Output {
            partitionKeys = partitionKeys == null ? Map.of() : Map.copyOf(partitionKeys);
        }
    }

    /**
     * A record that goes to the error output.
     *
     * @param source the record as read from the source: the error output keeps its original bytes
     * @param errorOutputType {@code processing-failed}, {@code http-endpoint-failed}, ... (!{firehose:error-output-type})
     * @param errorCode AWS's error code for it, e.g. {@code Lambda.FunctionError}
     * @param errorMessage what went wrong
     */
    public record Failed(BufferedRecord source, String errorOutputType, String errorCode, String errorMessage) {}
}
