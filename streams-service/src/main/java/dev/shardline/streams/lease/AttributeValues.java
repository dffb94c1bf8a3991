package dev.shardline.streams.lease;

import dev.shardline.platform.error.AwsErrorType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * DynamoDB attribute values as they are on the wire: a JSON object with exactly one member that names the type
 * ({@code {"S": "x"}}, {@code {"N": "42"}}, {@code {"SS": ["a", "b"]}}, ...). Numbers stay decimal strings, normalised
 * as DynamoDB stores them ({@code "1.0"} is kept as {@code "1"}).
 */
final class AttributeValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** DynamoDB's numbers: 38 significant digits. */
    private static final MathContext PRECISION = new MathContext(38);

    /** DynamoDB's limit on the nesting of lists and maps in an item. */
    private static final int MAX_DEPTH = 32;

    private static final List<String> TYPES = List.of("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M");

    private AttributeValues() {}

    static String type(JsonNode value) {
        return value.propertyNames().iterator().next();
    }

    static ObjectNode string(String s) {
        return NODES.objectNode().put("S", s);
    }

    static ObjectNode number(BigDecimal n) {
        return NODES.objectNode().put("N", n.stripTrailingZeros().toPlainString());
    }

    /**
     * A copy of a value sent by a client, checked as DynamoDB checks it and with its numbers normalised.
     *
     * @throws dev.shardline.platform.error.AwsException ValidationException with DynamoDB's wording
     */
    static ObjectNode checked(JsonNode value) {
        return checked(value, 0);
    }

    private static ObjectNode checked(JsonNode value, int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid("Nesting Levels have exceeded supported limits");
        }
        if (value == null || !value.isObject() || value.isEmpty()) {
            throw invalid("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        long set = value.propertyNames().stream()
                .filter(name -> !value.get(name).isNull() || name.equals("NULL"))
                .count();
        if (set > 1) {
            throw invalid(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        String type = value.propertyNames().stream()
                .filter(name -> !value.get(name).isNull())
                .findFirst()
                .orElseThrow(() -> invalid(
                        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"));
        if (!TYPES.contains(type)) {
            throw invalid("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        JsonNode content = value.get(type);
        ObjectNode copy = NODES.objectNode();
        switch (type) {
            case "S", "B" -> copy.put(type, scalar(content, type));
            case "N" -> copy.put(type, normalised(scalar(content, type)));
            case "BOOL" -> {
                if (!content.isBoolean()) {
                    throw invalid("Supplied AttributeValue has an invalid BOOL value");
                }
                copy.put(type, content.booleanValue());
            }
            case "NULL" -> {
                if (!content.isBoolean() || !content.booleanValue()) {
                    throw invalid("One or more parameter values were invalid: Null attribute value types must have the"
                            + " value of true");
                }
                copy.put(type, true);
            }
            case "SS", "NS", "BS" -> {
                if (!content.isArray()) {
                    throw invalid("Supplied AttributeValue has an invalid " + type + " value");
                }
                if (content.isEmpty()) {
                    throw invalid(
                            "One or more parameter values were invalid: An " + setName(type) + " may not be empty");
                }
                ArrayNode members = copy.putArray(type);
                Set<Object> seen = new HashSet<>();
                for (JsonNode member : content) {
                    String element = scalar(member, type.substring(0, 1));
                    String stored = type.equals("NS") ? normalised(element) : element;
                    Object identity = type.equals("NS")
                            ? new BigDecimal(stored)
                            : type.equals("BS")
                                    ? Arrays.toString(Base64.getDecoder().decode(stored))
                                    : stored;
                    if (!seen.add(identity)) {
                        throw invalid("One or more parameter values were invalid: Input collection " + content
                                + " contains duplicates.");
                    }
                    members.add(stored);
                }
            }
            case "L" -> {
                if (!content.isArray()) {
                    throw invalid("Supplied AttributeValue has an invalid L value");
                }
                ArrayNode members = copy.putArray(type);
                content.forEach(member -> members.add(checked(member, depth + 1)));
            }
            default -> { // M
                if (!content.isObject()) {
                    throw invalid("Supplied AttributeValue has an invalid M value");
                }
                ObjectNode members = copy.putObject(type);
                content.properties().forEach(e -> members.set(storable(e.getKey()), checked(e.getValue(), depth + 1)));
            }
        }
        return copy;
    }

    /** A copy of a whole item (or key) sent by a client, each value checked. */
    static ObjectNode checkedItem(Map<String, JsonNode> item) {
        ObjectNode copy = NODES.objectNode();
        if (item != null) {
            item.forEach((name, value) -> copy.set(storable(name), checked(value)));
        }
        return copy;
    }

    private static String scalar(JsonNode content, String type) {
        if (content == null || !content.isString()) {
            throw invalid("Supplied AttributeValue has an invalid " + type + " value");
        }
        if (type.equals("B")) {
            try {
                Base64.getDecoder().decode(content.stringValue());
            } catch (IllegalArgumentException e) {
                throw invalid("Supplied AttributeValue has an invalid B value");
            }
        }
        return storable(content.stringValue());
    }

    /**
     * A string this store can keep: PostgreSQL's text and jsonb hold no NUL character, so one is refused
     * (ValidationException) where DynamoDB would keep it. The KCL never writes one.
     */
    static String storable(String text) {
        if (text.indexOf('\u0000') >= 0) {
            throw invalid("One or more parameter values were invalid: this lease store does not keep strings or"
                    + " attribute names with a NUL character");
        }
        return text;
    }

    private static String normalised(String number) {
        try {
            BigDecimal n = new BigDecimal(number.trim()).round(PRECISION);
            if (n.signum() == 0) {
                return "0";
            }
            // DynamoDB's range: magnitudes from 1E-130 to below 1E126
            long exponent = (long) n.precision() - n.scale() - 1;
            if (exponent >= 126) {
                throw invalid(
                        "Number overflow. Attempting to store a number with magnitude larger than supported range");
            }
            if (exponent < -130) {
                throw invalid(
                        "Number underflow. Attempting to store a number with magnitude smaller than supported range");
            }
            return n.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            throw invalid("A value provided cannot be converted into a number");
        }
    }

    private static String setName(String type) {
        return switch (type) {
            case "SS" -> "string set ";
            case "NS" -> "number set ";
            default -> "binary set ";
        };
    }

    /** DynamoDB's equality: numbers by value, sets whatever their order, binaries by their bytes. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        String type = type(a);
        if (!type.equals(type(b))) {
            return false;
        }
        JsonNode x = a.get(type);
        JsonNode y = b.get(type);
        return switch (type) {
            case "N" -> new BigDecimal(x.stringValue()).compareTo(new BigDecimal(y.stringValue())) == 0;
            case "B" -> Arrays.equals(bytes(x), bytes(y));
            case "SS", "NS", "BS" -> setOf(type, x).equals(setOf(type, y));
            case "L" -> {
                if (x.size() != y.size()) {
                    yield false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!equal(x.get(i), y.get(i))) {
                        yield false;
                    }
                }
                yield true;
            }
            case "M" -> {
                if (x.size() != y.size()) {
                    yield false;
                }
                for (var e : x.properties()) {
                    if (!equal(e.getValue(), y.get(e.getKey()))) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> x.equals(y);
        };
    }

    /**
     * The order of two values of one scalar type (S by code point... as DynamoDB, by UTF-8 bytes; N by value; B by
     * unsigned bytes), or null when they cannot be ordered (other types, or two types).
     */
    static Integer compare(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return null;
        }
        String type = type(a);
        if (!type.equals(type(b))) {
            return null;
        }
        return switch (type) {
            case "N" ->
                new BigDecimal(a.get("N").stringValue())
                        .compareTo(new BigDecimal(b.get("N").stringValue()));
            case "S" ->
                Arrays.compareUnsigned(
                        a.get("S").stringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        b.get("S").stringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "B" -> Arrays.compareUnsigned(bytes(a.get("B")), bytes(b.get("B")));
            default -> null;
        };
    }

    static byte[] bytes(JsonNode base64) {
        return Base64.getDecoder().decode(base64.stringValue());
    }

    private static Set<Object> setOf(String type, JsonNode members) {
        Set<Object> set = new LinkedHashSet<>();
        for (JsonNode member : members) {
            set.add(
                    switch (type) {
                        case "NS" -> new BigDecimal(member.stringValue()).stripTrailingZeros();
                        case "BS" -> Arrays.toString(bytes(member));
                        default -> member.stringValue();
                    });
        }
        return set;
    }

    /** The sum of two numbers, or a set with the other's members added (ADD); null for other types. */
    static ObjectNode add(JsonNode current, JsonNode operand) {
        String type = type(operand);
        if (current == null) {
            return (ObjectNode) operand.deepCopy();
        }
        if (!type.equals(type(current))) {
            return null;
        }
        if (type.equals("N")) {
            return number(new BigDecimal(current.get("N").stringValue())
                    .add(new BigDecimal(operand.get("N").stringValue()))
                    .round(PRECISION));
        }
        if (type.equals("SS") || type.equals("NS") || type.equals("BS")) {
            ObjectNode sum = (ObjectNode) current.deepCopy();
            ArrayNode members = (ArrayNode) sum.get(type);
            Set<Object> present = setOf(type, members);
            for (JsonNode member : operand.get(type)) {
                if (!present.contains(
                        setOf(type, NODES.arrayNode().add(member)).iterator().next())) {
                    members.add(member);
                }
            }
            return sum;
        }
        return null;
    }

    /** The set without the operand's members (DELETE), or null when nothing is left; unchanged for other types. */
    static ObjectNode removeFromSet(JsonNode current, JsonNode operand) {
        String type = type(operand);
        ObjectNode result = NODES.objectNode();
        ArrayNode members = result.putArray(type);
        Set<Object> removed = setOf(type, operand.get(type));
        for (JsonNode member : current.get(type)) {
            if (!removed.contains(
                    setOf(type, NODES.arrayNode().add(member)).iterator().next())) {
                members.add(member);
            }
        }
        return members.isEmpty() ? null : result;
    }

    static boolean isSet(String type) {
        return type.equals("SS") || type.equals("NS") || type.equals("BS");
    }

    /** DynamoDB's size(): characters of a string, bytes of a binary, members of a set, list or map. */
    static Integer size(JsonNode value) {
        if (value == null) {
            return null;
        }
        String type = type(value);
        return switch (type) {
            case "S" -> value.get("S").stringValue().length();
            case "B" -> bytes(value.get("B")).length;
            case "SS", "NS", "BS", "L", "M" -> value.get(type).size();
            default -> null;
        };
    }

    static dev.shardline.platform.error.AwsException invalid(String message) {
        return AwsErrorType.VALIDATION.exception(message);
    }
}
