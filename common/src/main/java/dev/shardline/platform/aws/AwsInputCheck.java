package dev.shardline.platform.aws;

import dev.shardline.platform.aws.AwsServiceModel.Shape;
import dev.shardline.platform.aws.AwsServiceModel.Type;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a request body against its operation's input shape as AWS's request layer does, before any action code
 * runs: first the type of every member (the first mismatch is a {@code SerializationException} in AWS's wording),
 * then every constraint of the model (all violations, up to ten, in one {@code ValidationException}, in the model's
 * member order). Members the model does not know are ignored, and a null member counts as absent, as in AWS.
 *
 * <p>The wording is AWS's, as recorded against the real service by kinesalite's test suite: "class java.lang.String
 * can not be converted to an Integer", "Start of structure or map found where not expected.", "Value null at
 * 'records.1.member.data' failed to satisfy constraint: Member must not be null".
 */
final class AwsInputCheck {

    /** AWS stops listing violations at ten. */
    static final int MAX_VIOLATIONS = 10;

    /** AWS repeats a value whole; a hostile megabyte-long one is cut here (a list of 500 entries still fits). */
    private static final int MAX_ECHO = 64 * 1024;

    private static final String NUMBER = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
    private static final Pattern BASE64_BAD_CHARACTER = Pattern.compile("[^a-zA-Z0-9+/=]|=[^=]");

    private final String structurePrefix;
    private final List<String> violations = new ArrayList<>();

    private AwsInputCheck(String structurePrefix) {
        this.structurePrefix = structurePrefix;
    }

    /**
     * Throws AWS's {@code SerializationException} or {@code ValidationException} if {@code body} does not fit
     * {@code input}. {@code structurePrefix} names structures where a message shows one, as AWS's Java classes do
     * ({@code com.amazonaws.kinesis.v20131202}).
     */
    static void check(JsonNode body, Shape input, String structurePrefix) {
        checkType(body, input);
        AwsInputCheck check = new AwsInputCheck(structurePrefix);
        for (Map.Entry<String, Shape> member : input.members.entrySet()) {
            check.validate(
                    lowerFirst(member.getKey()),
                    value(body.get(member.getKey())),
                    member.getValue(),
                    input.required.contains(member.getKey()));
        }
        check.throwIfInvalid();
    }

    // --- the types ---------------------------------------------------------------------------------------------

    private static void checkType(JsonNode node, Shape shape) {
        if (value(node) == null) {
            return;
        }
        switch (shape.type) {
            case STRUCTURE -> {
                notAnArray(node);
                if (!node.isObject()) {
                    throw serialization("Expected null");
                }
                shape.members.forEach((name, member) -> checkType(node.get(name), member));
            }
            case LIST -> {
                if (node.isObject()) {
                    throw serialization("Start of structure or map found where not expected.");
                }
                if (!node.isArray()) {
                    throw serialization("Expected list or null");
                }
                node.forEach(element -> checkType(element, shape.member));
            }
            case MAP -> {
                notAnArray(node);
                if (!node.isObject()) {
                    throw serialization("Expected map or null");
                }
                node.properties().forEach(entry -> checkType(entry.getValue(), shape.value));
            }
            case STRING -> {
                notAContainer(node);
                if (node.isBoolean()) {
                    throw serialization("class java.lang.Boolean can not be converted to an String");
                }
                if (node.isNumber()) {
                    throw serialization(NUMBER + " can not be converted to an String");
                }
                if (node.isBinary()) {
                    throw serialization("class java.nio.HeapByteBuffer can not be converted to an String");
                }
            }
            case BOOLEAN -> {
                notAContainer(node);
                if (node.isNumber()) {
                    throw serialization(NUMBER + " can not be converted to an Boolean");
                }
                if (!node.isBoolean()) {
                    throw serialization(
                            "'" + node.asString().toUpperCase(Locale.ROOT) + "' can not be converted to an Boolean");
                }
            }
            case INTEGER, LONG, DOUBLE -> {
                notAContainer(node);
                String target = switch (shape.type) {
                    case INTEGER -> "Integer";
                    case LONG -> "Long";
                    default -> "Double";
                };
                if (node.isBoolean()) {
                    throw serialization("class java.lang.Boolean can not be converted to an " + target);
                }
                if (!node.isNumber()) {
                    throw serialization("class java.lang.String can not be converted to an " + target);
                }
                if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.asDouble())) {
                    throw serialization("'" + node.asDouble() + "' can not be converted to an " + target);
                }
            }
            case BLOB -> {
                notAContainer(node);
                if (node.isBoolean()) {
                    throw serialization("class java.lang.Boolean can not be converted to a Blob");
                }
                if (node.isNumber()) {
                    throw serialization(NUMBER + " can not be converted to a Blob");
                }
                if (node.isString()) {
                    checkBase64(node.asString());
                }
            }
            case TIMESTAMP -> {
                notAContainer(node);
                if (node.isBoolean()) {
                    throw serialization("class java.lang.Boolean can not be converted to milliseconds since epoch");
                }
                if (!node.isNumber()) {
                    throw serialization("class java.lang.String can not be converted to milliseconds since epoch");
                }
            }
        }
    }

    private static void notAContainer(JsonNode node) {
        notAnArray(node);
        if (node.isObject()) {
            throw serialization("Start of structure or map found where not expected.");
        }
    }

    private static void notAnArray(JsonNode node) {
        if (node.isArray()) {
            throw serialization("Start of list found where not expected");
        }
    }

    private static void checkBase64(String text) {
        String prefix = "'" + text + "' can not be converted to a Blob: ";
        if (text.length() % 4 != 0) {
            throw serialization(
                    prefix + "Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
        }
        var bad = BASE64_BAD_CHARACTER.matcher(text);
        if (bad.find()) {
            throw serialization(
                    prefix + "Invalid Base64 character: '" + bad.group().charAt(0) + "'");
        }
        // AWS also refuses a last character whose unused bits are set ("+/+="), which Java's decoder lets through
        if (!text.isEmpty()) {
            String last = text.substring(text.length() - 4);
            boolean canonical;
            try {
                canonical = Base64.getEncoder()
                        .encodeToString(Base64.getDecoder().decode(last))
                        .equals(last);
            } catch (IllegalArgumentException e) {
                canonical = false; // "====", say
            }
            if (!canonical) {
                throw serialization(prefix + "Invalid last non-pad Base64 character dectected");
            }
        }
    }

    private static AwsException serialization(String message) {
        return AwsErrorType.SERIALIZATION.exception(message);
    }

    // --- the constraints ---------------------------------------------------------------------------------------

    private void validate(String path, JsonNode node, Shape shape, boolean required) {
        if (node == null) {
            if (required) {
                violate("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            }
            return;
        }
        for (String constraint : violatedConstraints(node, shape)) {
            // a secret (a password, say) is not repeated back
            String value = shape.sensitive ? "Value" : "Value '" + echo(node, shape) + "'";
            violate(value + " at '" + path + "' failed to satisfy constraint: " + constraint);
        }
        switch (shape.type) {
            case STRUCTURE ->
                shape.members.forEach((name, member) -> validate(
                        path + "." + lowerFirst(name), value(node.get(name)), member, shape.required.contains(name)));
            case LIST -> {
                if (shape.member.type == Type.STRUCTURE) {
                    for (int i = 0; i < node.size(); i++) {
                        validate(path + "." + (i + 1) + ".member", value(node.get(i)), shape.member, false);
                    }
                } else if (shape.member.hasConstraints()
                        && node.valueStream()
                                .anyMatch(e -> value(e) != null
                                        && !violatedConstraints(e, shape.member).isEmpty())) {
                    violate("Value '" + echo(node, shape) + "' at '" + path + "' failed to satisfy constraint: "
                            + "Member must satisfy constraint: " + allConstraints(shape.member));
                }
            }
            case MAP -> {
                if (shape.key.hasConstraints()
                        && node.propertyNames().stream()
                                .anyMatch(key -> !violatedConstraints(stringNode(key), shape.key)
                                        .isEmpty())) {
                    violate("Value '" + echo(node, shape) + "' at '" + path + "' failed to satisfy constraint: "
                            + "Map keys must satisfy constraint: " + allConstraints(shape.key));
                }
                if (shape.value.type == Type.STRUCTURE) {
                    node.properties()
                            .forEach(entry -> validate(
                                    path + "." + entry.getKey() + ".member",
                                    value(entry.getValue()),
                                    shape.value,
                                    false));
                } else if (shape.value.hasConstraints()
                        && node.valueStream()
                                .anyMatch(v -> value(v) != null
                                        && !violatedConstraints(v, shape.value).isEmpty())) {
                    violate("Value '" + echo(node, shape) + "' at '" + path + "' failed to satisfy constraint: "
                            + "Map value must satisfy constraint: " + allConstraints(shape.value));
                }
            }
            default -> {}
        }
    }

    private static List<String> violatedConstraints(JsonNode node, Shape shape) {
        List<String> violated = new ArrayList<>();
        if (shape.type == Type.STRING) {
            String text = node.asString();
            if (shape.pattern != null && !shape.pattern.matcher(text).matches()) {
                violated.add(patternConstraint(shape));
            }
            if (shape.enumValues != null && !shape.enumValues.contains(text)) {
                violated.add("Member must satisfy enum value set: " + shape.enumValues);
            }
        }
        if (shape.type == Type.INTEGER || shape.type == Type.LONG || shape.type == Type.DOUBLE) {
            BigDecimal number = number(node, shape);
            if (shape.min != null && number.compareTo(BigDecimal.valueOf(shape.min)) < 0) {
                violated.add("Member must have value greater than or equal to " + shape.min);
            }
            if (shape.max != null && number.compareTo(BigDecimal.valueOf(shape.max)) > 0) {
                violated.add("Member must have value less than or equal to " + shape.max);
            }
        } else if (shape.min != null || shape.max != null) {
            long length = length(node, shape);
            if (shape.min != null && length < shape.min) {
                violated.add("Member must have length greater than or equal to " + shape.min);
            }
            if (shape.max != null && length > shape.max) {
                violated.add("Member must have length less than or equal to " + shape.max);
            }
        }
        return violated;
    }

    /** A member shape's constraints as AWS lists them for the elements of a list or map: "[..., ...]". */
    private static String allConstraints(Shape shape) {
        StringJoiner all = new StringJoiner(", ", "[", "]");
        if (shape.max != null) {
            all.add("Member must have length less than or equal to " + shape.max);
        }
        if (shape.min != null) {
            all.add("Member must have length greater than or equal to " + shape.min);
        }
        if (shape.pattern != null) {
            all.add(patternConstraint(shape));
        }
        if (shape.enumValues != null) {
            all.add("Member must satisfy enum value set: " + shape.enumValues);
        }
        return all.toString();
    }

    private static String patternConstraint(Shape shape) {
        return "Member must satisfy regular expression pattern: " + shape.pattern.pattern();
    }

    private static long length(JsonNode node, Shape shape) {
        return switch (shape.type) {
            case STRING -> node.asString().codePointCount(0, node.asString().length());
            case BLOB -> blobLength(node);
            case LIST, MAP -> node.size();
            default -> 0;
        };
    }

    private static long blobLength(JsonNode node) {
        if (node.isBinary()) {
            return node.binaryValue().length;
        }
        String base64 = node.asString();
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return base64.length() / 4L * 3 - padding;
    }

    /** A number as AWS reads it: truncated towards zero for integers, and held to the integer type's range. */
    private static BigDecimal number(JsonNode node, Shape shape) {
        BigDecimal number = node.decimalValue();
        if (shape.type == Type.DOUBLE) {
            return number;
        }
        BigInteger whole = number.toBigInteger();
        BigInteger min = BigInteger.valueOf(shape.type == Type.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE);
        BigInteger max = BigInteger.valueOf(shape.type == Type.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE);
        return new BigDecimal(whole.max(min).min(max));
    }

    /** The value as AWS's message repeats it (as its Java objects print); a hostile long value is cut short. */
    private String echo(JsonNode node, Shape shape) {
        String text = switch (shape.type) {
            case BLOB -> {
                long length = blobLength(node);
                yield "java.nio.HeapByteBuffer[pos=0 lim=" + length + " cap=" + length + "]";
            }
            case LIST -> {
                StringJoiner list = new StringJoiner(", ", "[", "]");
                node.forEach(element -> list.add(value(element) == null ? "null" : echo(element, shape.member)));
                yield list.toString();
            }
            case MAP -> {
                StringJoiner map = new StringJoiner(", ", "{", "}");
                node.properties()
                        .forEach(entry -> map.add(entry.getKey() + "="
                                + (value(entry.getValue()) == null ? "null" : echo(entry.getValue(), shape.value))));
                yield map.toString();
            }
            case STRUCTURE -> structurePrefix + "." + shape.name + "@" + Integer.toHexString(node.hashCode());
            case INTEGER, LONG, DOUBLE -> number(node, shape).toPlainString();
            default -> node.asString();
        };
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }

    private void violate(String violation) {
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(violation);
        }
    }

    private void throwIfInvalid() {
        if (!violations.isEmpty()) {
            String count = violations.size() == 1
                    ? "1 validation error detected: "
                    : violations.size() + " validation errors detected: ";
            throw AwsErrorType.VALIDATION.exception(count + String.join("; ", violations));
        }
    }

    /** The node, or null where the member is absent or null (AWS treats both alike). */
    private static JsonNode value(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static JsonNode stringNode(String text) {
        return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(text);
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
