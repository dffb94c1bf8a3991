package dev.shardline.firehose.destination.s3;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A Prefix or ErrorOutputPrefix parsed into literal text and AWS's {@code !{namespace:value}} expressions (the "Custom
 * Prefixes for Amazon S3 Objects" page): {@code timestamp}, {@code firehose:random-string}, {@code
 * firehose:error-output-type}, {@code partitionKeyFromQuery} and {@code partitionKeyFromLambda}.
 */
public final class PrefixTemplate {

    static final String RANDOM_STRING = "random-string";
    static final String ERROR_OUTPUT_TYPE = "error-output-type";
    public static final String FROM_QUERY = "partitionKeyFromQuery";
    public static final String FROM_LAMBDA = "partitionKeyFromLambda";
    /** The default of a prefix without a timestamp expression, appended as AWS does. */
    private static final Part HOUR = new Timestamp("yyyy/MM/dd/HH/", DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/"));

    private final String text;
    private final List<Part> parts;

    private PrefixTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** Parses a prefix (null reads as empty); refuses what AWS refuses, naming the member. */
    public static PrefixTemplate parse(String member, String prefix) {
        String text = prefix == null ? "" : prefix;
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("!{", at);
            if (open < 0) {
                parts.add(new Literal(text.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Literal(text.substring(at, open)));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw invalid("The sequence !{ in " + member + " can only appear in !{namespace:value} expressions.");
            }
            parts.add(expression(member, text.substring(open + 2, close)));
            at = close + 1;
        }
        return new PrefixTemplate(text, parts);
    }

    private static Part expression(String member, String expression) {
        int colon = expression.indexOf(':');
        String namespace = colon < 0 ? expression : expression.substring(0, colon);
        String value = colon < 0 ? "" : expression.substring(colon + 1);
        if (value.isEmpty()) {
            throw invalid(
                    "The expression !{" + expression + "} in " + member + " has no value; use !{namespace:value}.");
        }
        if ("timestamp".equals(namespace)) {
            return timestamp(member, value);
        }
        if ("firehose".equals(namespace)) {
            if (RANDOM_STRING.equals(value)) {
                return new RandomString();
            }
            if (ERROR_OUTPUT_TYPE.equals(value)) {
                return new ErrorOutputType();
            }
            throw invalid("The expression !{" + expression + "} in " + member
                    + " is not valid: the firehose namespace has the values " + ERROR_OUTPUT_TYPE + " and "
                    + RANDOM_STRING + ".");
        }
        if (FROM_QUERY.equals(namespace) || FROM_LAMBDA.equals(namespace)) {
            return new PartitionKey(namespace, value);
        }
        throw invalid("The expression !{" + expression + "} in " + member + " has an unknown namespace '" + namespace
                + "'; valid namespaces are firehose, timestamp, " + FROM_QUERY + " and " + FROM_LAMBDA + ".");
    }

    private static Part timestamp(String member, String pattern) {
        try {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern);
            formatter.format(Instant.EPOCH.atZone(ZoneOffset.UTC)); // a pattern can parse and still not format
            return new Timestamp(pattern, formatter);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw invalid("The expression !{timestamp:" + pattern + "} in " + member
                    + " is not a valid Java DateTimeFormatter pattern: " + e.getMessage());
        }
    }

    /** The prefix as it was given. */
    public String text() {
        return text;
    }

    public boolean hasExpressions() {
        return parts.stream().anyMatch(p -> !(p instanceof Literal));
    }

    public boolean hasTimestamp() {
        return parts.stream().anyMatch(Timestamp.class::isInstance);
    }

    public boolean hasErrorOutputType() {
        return parts.stream().anyMatch(ErrorOutputType.class::isInstance);
    }

    /** The partition keys the prefix names ({@code !{partitionKeyFromQuery:key}}), in order. */
    public Set<String> partitionKeys() {
        Set<String> keys = new LinkedHashSet<>();
        parts.stream().filter(PartitionKey.class::isInstance).forEach(p -> keys.add(((PartitionKey) p).key()));
        return keys;
    }

    /** Whether the prefix names a partition key of this namespace ({@code partitionKeyFromQuery}, ...). */
    public boolean usesPartitionKeysFrom(String namespace) {
        return parts.stream()
                .anyMatch(p -> p instanceof PartitionKey
                        && ((PartitionKey) p).namespace().equals(namespace));
    }

    /** This prefix with AWS's {@code !{timestamp:yyyy/MM/dd/HH/}} appended when it names no time itself. */
    public PrefixTemplate withDefaultHour() {
        if (hasTimestamp()) {
            return this;
        }
        List<Part> withHour = new ArrayList<>(parts);
        withHour.add(HOUR);
        return new PrefixTemplate(text, withHour);
    }

    /** AWS's error output default: {@code <error-output-type>/yyyy/MM/dd/HH/} after the given literal prefix. */
    public static PrefixTemplate defaultErrorOutput(String literalPrefix) {
        return new PrefixTemplate(
                "", List.of(new Literal(literalPrefix), new ErrorOutputType(), new Literal("/"), HOUR));
    }

    /**
     * The prefix's value for one object.
     *
     * @param time the arrival time of the object's oldest record
     * @param zone the destination's CustomTimeZone
     * @param errorOutputType the error output type (null for delivered data)
     * @param partitionKeys the object's partition keys
     * @param randomString the n-th {@code !{firehose:random-string}} of the prefix (each occurrence its own)
     */
    public String evaluate(
            Instant time,
            ZoneId zone,
            String errorOutputType,
            Map<String, String> partitionKeys,
            IntFunction<String> randomString) {
        StringBuilder out = new StringBuilder();
        int randoms = 0;
        for (Part part : parts) {
            if (part instanceof Literal) {
                out.append(((Literal) part).text());
            } else if (part instanceof Timestamp) {
                out.append(((Timestamp) part).formatter().format(time.atZone(zone)));
            } else if (part instanceof RandomString) {
                out.append(randomString.apply(randoms++));
            } else if (part instanceof ErrorOutputType) {
                out.append(errorOutputType == null ? "" : errorOutputType);
            } else if (part instanceof PartitionKey) {
                String key = ((PartitionKey) part).key();
                String value = partitionKeys.get(key);
                if (value == null) {
                    throw new IllegalStateException("A record has no partition key '" + key + "' for !{"
                            + ((PartitionKey) part).namespace() + ":" + key + "}");
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    static AwsException invalid(String message) {
        return AwsErrorType.INVALID_ARGUMENT.exception(message);
    }

    @Override
    public String toString() {
        return text;
    }

    private interface Part {}

    private record Literal(String text) implements Part {}

    private record Timestamp(String pattern, DateTimeFormatter formatter) implements Part {}

    private record RandomString() implements Part {}

    private record ErrorOutputType() implements Part {}

    private record PartitionKey(String namespace, String key) implements Part {}
}
