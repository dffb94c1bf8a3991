package dev.shardline.firehose.processing;

import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.processing.web.ProcessingShapes.ProcessingConfiguration;
import dev.shardline.firehose.processing.web.ProcessingShapes.Processor;
import dev.shardline.firehose.processing.web.ProcessingShapes.ProcessorParameter;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.error.Validation;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ProcessingConfiguration on the wire: read into a {@link Processing}, described back. The API model's enums and
 * lengths fail as ValidationException; parameters that do not fit their processor as InvalidArgumentException.
 */
public final class ProcessingConfigurations {

    /** ProcessorParameter.ParameterValue: not blank. */
    private static final Pattern PARAMETER_VALUE = Pattern.compile("^(?!\\s*$).+");

    private static final Pattern LAMBDA_ARN = Pattern.compile("arn:[^:]+:lambda:[^:]*:\\d{12}:function:.+");

    private ProcessingConfigurations() {}

    public static Processing processing(Validation v, String member, ProcessingConfiguration c) {
        if (c == null) {
            return Processing.NONE;
        }
        String processorsMember = member + ".processingConfiguration.processors";
        List<Processor> processors = c.processors() == null ? List.of() : c.processors();
        for (int i = 0; i < processors.size(); i++) {
            Processor p = processors.get(i);
            String at = processorsMember + "." + (i + 1) + ".member";
            if (v.required(at + ".type", p.type())) {
                v.oneOf(at + ".type", p.type(), ProcessorTypes.TYPES);
            }
            List<ProcessorParameter> parameters = p.parameters() == null ? List.of() : p.parameters();
            v.size(at + ".parameters", parameters, 0, 5);
            for (int j = 0; j < parameters.size(); j++) {
                ProcessorParameter parameter = parameters.get(j);
                String pat = at + ".parameters." + (j + 1) + ".member";
                if (v.required(pat + ".parameterName", parameter.parameterName())) {
                    v.oneOf(pat + ".parameterName", parameter.parameterName(), ProcessorTypes.PARAMETER_NAMES);
                }
                if (v.required(pat + ".parameterValue", parameter.parameterValue())) {
                    v.length(pat + ".parameterValue", parameter.parameterValue(), 1, 5120)
                            .pattern(pat + ".parameterValue", parameter.parameterValue(), PARAMETER_VALUE);
                }
            }
        }
        v.throwIfInvalid();
        List<Processing.Processor> read = processors.stream()
                .map(p -> new Processing.Processor(p.type(), parameters(p.type(), p.parameters())))
                .toList();
        Set<String> types = new HashSet<>();
        for (Processing.Processor processor : read) {
            if (!types.add(processor.type())) {
                throw ProcessorTypes.LAMBDA.equals(processor.type())
                        ? invalid("Exactly 1 Processor needs to be supplied when processing is enabled")
                        : invalid("Processor type " + processor.type() + " can be specified only once.");
            }
            check(processor);
        }
        return new Processing(Boolean.TRUE.equals(c.enabled()), read);
    }

    public static ProcessingConfiguration describe(Processing processing) {
        if (!processing.enabled() && processing.processors().isEmpty()) {
            return null;
        }
        return new ProcessingConfiguration(
                processing.enabled(),
                processing.processors().stream()
                        .map(p -> new Processor(
                                p.type(),
                                p.parameters().entrySet().stream()
                                        .map(e -> new ProcessorParameter(e.getKey(), e.getValue()))
                                        .toList()))
                        .toList());
    }

    private static Map<String, String> parameters(String type, List<ProcessorParameter> parameters) {
        Map<String, String> byName = new LinkedHashMap<>();
        if (parameters != null) {
            for (ProcessorParameter p : parameters) {
                if (byName.put(p.parameterName(), p.parameterValue()) != null) {
                    throw invalid("Parameter " + p.parameterName() + " is specified more than once for processor "
                            + type + ".");
                }
            }
        }
        return byName;
    }

    /** Each type's parameters: which it takes, which it needs, and their values. */
    private static void check(Processing.Processor p) {
        Set<String> allowed = ProcessorTypes.PARAMETERS.get(p.type());
        for (String name : p.parameters().keySet()) {
            if (!allowed.contains(name)) {
                throw invalid("Parameter " + name + " is not supported for processor type " + p.type()
                        + ". Supported parameters: " + allowed.stream().sorted().toList() + ".");
            }
        }
        switch (p.type()) {
            case ProcessorTypes.LAMBDA -> lambda(p);
            case ProcessorTypes.RECORD_DEAGGREGATION -> deaggregation(p);
            case ProcessorTypes.DECOMPRESSION -> {
                String format = p.parameter("CompressionFormat");
                if (format != null && !"GZIP".equals(format)) {
                    throw invalid("CompressionFormat " + format + " is not supported for processor type " + p.type()
                            + "; it must be GZIP.");
                }
            }
            case ProcessorTypes.CLOUDWATCH_LOG_PROCESSING -> {
                String extraction = p.parameter("DataMessageExtraction");
                if (extraction != null && !"true".equals(extraction) && !"false".equals(extraction)) {
                    throw invalid("DataMessageExtraction must be true or false, not " + extraction + ".");
                }
            }
            case ProcessorTypes.METADATA_EXTRACTION -> metadataExtraction(p);
            default -> {
                // AppendDelimiterToRecord: any Delimiter; a newline when absent.
            }
        }
    }

    private static void lambda(Processing.Processor p) {
        String arn = required(p, "LambdaArn");
        if (!LAMBDA_ARN.matcher(arn).matches() && !arn.startsWith("http://") && !arn.startsWith("https://")) {
            throw invalid("LambdaArn " + arn + " is not a Lambda function ARN"
                    + " (arn:aws:lambda:region:account-id:function:name) nor an http(s) URL of a function.");
        }
        integer(p, "NumberOfRetries", 0, 300);
        integer(p, "BufferIntervalInSeconds", 60, 900);
        String size = p.parameter("BufferSizeInMBs");
        if (size != null) {
            BigDecimal mbs;
            try {
                mbs = new BigDecimal(size);
            } catch (NumberFormatException e) {
                throw invalid("BufferSizeInMBs must be a number between 0.2 and 3, not " + size + ".");
            }
            if (mbs.compareTo(new BigDecimal("0.2")) < 0 || mbs.compareTo(new BigDecimal("3")) > 0) {
                throw invalid("BufferSizeInMBs must be between 0.2 and 3, not " + size + ".");
            }
        }
    }

    private static void deaggregation(Processing.Processor p) {
        String type = required(p, "SubRecordType");
        if ("JSON".equals(type)) {
            if (p.parameter("Delimiter") != null) {
                throw invalid("Delimiter is only supported when SubRecordType is DELIMITED.");
            }
        } else if ("DELIMITED".equals(type)) {
            String delimiter = required(p, "Delimiter");
            try {
                if (Base64.getDecoder().decode(delimiter).length == 0) {
                    throw invalid("The Delimiter of RecordDeAggregation must not be empty.");
                }
            } catch (IllegalArgumentException e) {
                throw invalid("The Delimiter of RecordDeAggregation must be base64-encoded: " + delimiter);
            }
        } else {
            throw invalid("SubRecordType " + type + " is not supported; it must be JSON or DELIMITED.");
        }
    }

    private static void metadataExtraction(Processing.Processor p) {
        String engine = required(p, "JsonParsingEngine");
        if (!ProcessorTypes.JQ_1_6.equals(engine)) {
            throw invalid(
                    "JsonParsingEngine " + engine + " is not supported; it must be " + ProcessorTypes.JQ_1_6 + ".");
        }
        String query = required(p, "MetadataExtractionQuery");
        try {
            JqQueries.compile(query);
        } catch (IllegalArgumentException e) {
            throw invalid("MetadataExtractionQuery " + query + " is not a valid JQ-1.6 expression: " + e.getMessage());
        }
    }

    private static String required(Processing.Processor p, String name) {
        String value = p.parameter(name);
        if (value == null) {
            throw invalid("Processor type " + p.type() + " requires the parameter " + name + ".");
        }
        return value;
    }

    private static void integer(Processing.Processor p, String name, int min, int max) {
        String value = p.parameter(name);
        if (value == null) {
            return;
        }
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name + " must be an integer between " + min + " and " + max + ", not " + value + ".");
        }
        if (number < min || number > max) {
            throw invalid(name + " must be between " + min + " and " + max + ", not " + value + ".");
        }
    }

    private static AwsException invalid(String message) {
        return AwsErrorType.INVALID_ARGUMENT.exception(message);
    }
}
