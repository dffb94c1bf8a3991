package dev.shardline.firehose.processing;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.pipeline.PendingBatch;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import dev.shardline.firehose.pipeline.RecordProcessing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Runs a destination's ProcessingConfiguration over a batch: its processors in Firehose's fixed order, each on what
 * the one before let through. A stream without processing delivers every record as it came.
 */
@Component
class ProcessorChain implements RecordProcessing {

    private static final long MB = 1024L * 1024;

    private final LambdaInvoker invoker;
    private final LambdaFunctions functions;

    ProcessorChain(LambdaInvoker invoker, LambdaFunctions functions) {
        this.invoker = invoker;
        this.functions = functions;
    }

    @Override
    public ProcessedBatch process(DeliveryStreamView stream, PendingBatch batch) {
        Processing processing = stream.destination().processing();
        if (!processing.enabled() || processing.processors().isEmpty()) {
            return ProcessedBatch.unprocessed(batch.records());
        }
        List<ProcessingRecord> records = ProcessedBatch.readable(batch.records()).stream()
                .map(ProcessingRecord::of)
                .toList();
        List<ProcessedBatch.Failed> failed = new ArrayList<>(ProcessedBatch.unreadable(batch.records()));
        for (ProcessorStep step : steps(processing)) {
            ProcessorStep.Result result = step.apply(stream, batch, records);
            records = result.passed();
            failed.addAll(result.failed());
        }
        return new ProcessedBatch(
                records.stream()
                        .map(r -> new ProcessedBatch.Output(r.source(), r.data(), r.partitionKeys()))
                        .toList(),
                failed);
    }

    List<ProcessorStep> steps(Processing processing) {
        return processing.processors().stream()
                .filter(p -> ProcessorTypes.ORDER.contains(p.type()))
                .sorted(Comparator.comparingInt(p -> ProcessorTypes.ORDER.indexOf(p.type())))
                .map(this::step)
                .toList();
    }

    private ProcessorStep step(Processing.Processor processor) {
        switch (processor.type()) {
            case ProcessorTypes.DECOMPRESSION:
                return new DecompressionStep();
            case ProcessorTypes.CLOUDWATCH_LOG_PROCESSING:
                return new CloudWatchLogStep(Boolean.parseBoolean(processor.parameter("DataMessageExtraction")));
            case ProcessorTypes.RECORD_DEAGGREGATION:
                return "DELIMITED".equals(processor.parameter("SubRecordType"))
                        ? DeaggregationStep.delimited(processor.parameter("Delimiter"))
                        : DeaggregationStep.json();
            case ProcessorTypes.LAMBDA:
                return lambda(processor);
            case ProcessorTypes.METADATA_EXTRACTION:
                return new MetadataExtractionStep(processor.parameter("MetadataExtractionQuery"));
            case ProcessorTypes.APPEND_DELIMITER_TO_RECORD:
                return new AppendDelimiterStep(processor.parameter("Delimiter"));
            default:
                throw new IllegalStateException("No processor of type " + processor.type());
        }
    }

    private ProcessorStep lambda(Processing.Processor processor) {
        String arn = processor.parameter("LambdaArn");
        String retries = processor.parameter("NumberOfRetries");
        String size = processor.parameter("BufferSizeInMBs");
        return new LambdaStep(
                invoker,
                arn,
                functions.url(arn).orElse(null),
                retries == null ? ProcessorTypes.DEFAULT_NUMBER_OF_RETRIES : Integer.parseInt(retries),
                (long) ((size == null ? ProcessorTypes.DEFAULT_BUFFER_SIZE_IN_MBS : Double.parseDouble(size)) * MB));
    }
}
