package dev.shardline.firehose.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A destination's ProcessingConfiguration, as AWS models it: processors in order, each with its named parameters.
 * The processing pipeline interprets them; validation happened when the configuration was accepted.
 */
public record Processing(boolean enabled, List<Processor> processors) {

    public static final Processing NONE = new Processing(false, List.of());

    public Processing {
        processors = processors == null ? List.of() : List.copyOf(processors);
    }

    /** One processor: its Type (Lambda, AppendDelimiterToRecord, ...) and its parameters by ParameterName. */
    public record Processor(String type, Map<String, String> parameters) {

        public Processor {
            // In the order given: DescribeDeliveryStream lists them as they came.
            parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        public String parameter(String name) {
            return parameters.get(name);
        }
    }
}
