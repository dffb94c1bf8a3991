package dev.shardline.firehose.aws;

import dev.shardline.common.error.Validation;
import dev.shardline.firehose.aws.FirehoseShapes.ProcessingConfiguration;
import dev.shardline.firehose.aws.FirehoseShapes.ProcessorParameter;
import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.Processing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ProcessingConfiguration on the wire: read into a {@link Processing}, described back. */
final class ProcessingConfigurations {

    private ProcessingConfigurations() {}

    static Processing processing(Validation v, String member, ProcessingConfiguration c) {
        if (c == null) {
            return Processing.NONE;
        }
        List<Processing.Processor> processors = c.processors() == null
                ? List.of()
                : c.processors().stream()
                        .map(p -> new Processing.Processor(p.type(), parameters(p.parameters())))
                        .toList();
        Processing processing = new Processing(Boolean.TRUE.equals(c.enabled()), processors);
        if (processing.enabled()) {
            throw DeliveryStreamErrors.notSupported("ProcessingConfiguration");
        }
        return processing;
    }

    static ProcessingConfiguration describe(Processing processing) {
        if (!processing.enabled() && processing.processors().isEmpty()) {
            return null;
        }
        return new ProcessingConfiguration(
                processing.enabled(),
                processing.processors().stream()
                        .map(p -> new FirehoseShapes.Processor(
                                p.type(),
                                p.parameters().entrySet().stream()
                                        .map(e -> new ProcessorParameter(e.getKey(), e.getValue()))
                                        .toList()))
                        .toList());
    }

    private static Map<String, String> parameters(List<ProcessorParameter> parameters) {
        Map<String, String> byName = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach(p -> byName.put(p.parameterName(), p.parameterValue()));
        }
        return byName;
    }
}
