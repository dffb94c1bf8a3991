package dev.shardline.firehose.processing.web;

import java.util.List;

/** Request and response shapes of the Firehose actions, with AWS's member names. */
public final class ProcessingShapes {

    private ProcessingShapes() {}

    public record ProcessorParameter(String parameterName, String parameterValue) {}

    public record Processor(String type, List<ProcessorParameter> parameters) {}

    public record ProcessingConfiguration(Boolean enabled, List<Processor> processors) {}
}
