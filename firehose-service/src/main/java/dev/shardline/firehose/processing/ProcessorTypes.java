package dev.shardline.firehose.processing;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The processor types and parameters of AWS's API model, and which parameters each type takes. */
public final class ProcessorTypes {

    public static final String DECOMPRESSION = "Decompression";
    public static final String CLOUDWATCH_LOG_PROCESSING = "CloudWatchLogProcessing";
    public static final String RECORD_DEAGGREGATION = "RecordDeAggregation";
    public static final String LAMBDA = "Lambda";
    public static final String METADATA_EXTRACTION = "MetadataExtraction";
    public static final String APPEND_DELIMITER_TO_RECORD = "AppendDelimiterToRecord";

    /**
     * The order Firehose runs them in, whatever the order configured: a CloudWatch Logs payload is decompressed and
     * its messages extracted, records are de-aggregated, then transformed by the function, then partition keys are
     * read from the result, and the delimiter is appended last.
     */
    public static final List<String> ORDER = List.of(
            DECOMPRESSION,
            CLOUDWATCH_LOG_PROCESSING,
            RECORD_DEAGGREGATION,
            LAMBDA,
            METADATA_EXTRACTION,
            APPEND_DELIMITER_TO_RECORD);

    /** The ProcessorType enum of the API model, in its order. */
    public static final List<String> TYPES = List.of(
            RECORD_DEAGGREGATION,
            DECOMPRESSION,
            CLOUDWATCH_LOG_PROCESSING,
            LAMBDA,
            METADATA_EXTRACTION,
            APPEND_DELIMITER_TO_RECORD);

    /** The ProcessorParameterName enum of the API model. */
    public static final List<String> PARAMETER_NAMES = List.of(
            "LambdaArn",
            "NumberOfRetries",
            "MetadataExtractionQuery",
            "JsonParsingEngine",
            "RoleArn",
            "BufferSizeInMBs",
            "BufferIntervalInSeconds",
            "SubRecordType",
            "Delimiter",
            "CompressionFormat",
            "DataMessageExtraction");

    /** The parameters each type accepts. */
    public static final Map<String, Set<String>> PARAMETERS = Map.of(
            LAMBDA,
            Set.of("LambdaArn", "NumberOfRetries", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds"),
            APPEND_DELIMITER_TO_RECORD,
            Set.of("Delimiter"),
            RECORD_DEAGGREGATION,
            Set.of("SubRecordType", "Delimiter"),
            DECOMPRESSION,
            Set.of("CompressionFormat"),
            CLOUDWATCH_LOG_PROCESSING,
            Set.of("DataMessageExtraction"),
            METADATA_EXTRACTION,
            Set.of("MetadataExtractionQuery", "JsonParsingEngine"));

    public static final int DEFAULT_NUMBER_OF_RETRIES = 3;
    public static final double DEFAULT_BUFFER_SIZE_IN_MBS = 1;
    public static final String JQ_1_6 = "JQ-1.6";

    private ProcessorTypes() {}
}
