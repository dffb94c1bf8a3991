package dev.shardline.streams.lease;

import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DynamoDB's expressions, parsed ({@link ExpressionParser}): conditions that an item is tested against and the actions
 * of an update expression. Evaluated as DynamoDB evaluates them: a comparison with an attribute that is not there, or
 * with a value of another type, is false (and {@code <>} true).
 */
final class Expression {

    private Expression() {}

    /** A value in an expression: a document path, an {@code :value}, or {@code size(path)}. */
    interface Operand {
        /** The value for this item, or null when the item has no such attribute. */
        JsonNode value(ObjectNode item);
    }

    record Literal(JsonNode attributeValue) implements Operand {
        @Override
        public JsonNode value(ObjectNode item) {
            return attributeValue;
        }
    }

    record Size(DocumentPath path) implements Operand {
        @Override
        public JsonNode value(ObjectNode item) {
            Integer size = AttributeValues.size(path.value(item));
            return size == null ? null : AttributeValues.number(BigDecimal.valueOf(size));
        }
    }

    sealed interface Condition permits Comparison, Between, In, Function, And, Or, Not {
        boolean test(ObjectNode item);
    }

    enum Comparator {
        EQ("="),
        NE("<>"),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        static Comparator of(String symbol) {
            for (Comparator c : values()) {
                if (c.symbol.equals(symbol)) {
                    return c;
                }
            }
            return null;
        }

        boolean holds(JsonNode left, JsonNode right) {
            return switch (this) {
                case EQ -> AttributeValues.equal(left, right);
                case NE -> !AttributeValues.equal(left, right);
                default -> {
                    Integer order = AttributeValues.compare(left, right);
                    yield order != null
                            && switch (this) {
                                case LT -> order < 0;
                                case LE -> order <= 0;
                                case GT -> order > 0;
                                default -> order >= 0;
                            };
                }
            };
        }
    }

    record Comparison(Operand left, Comparator comparator, Operand right) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return comparator.holds(left.value(item), right.value(item));
        }
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            JsonNode v = value.value(item);
            return Comparator.GE.holds(v, low.value(item)) && Comparator.LE.holds(v, high.value(item));
        }
    }

    record In(Operand value, List<Operand> candidates) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            JsonNode v = value.value(item);
            return candidates.stream().anyMatch(c -> AttributeValues.equal(v, c.value(item)));
        }
    }

    /** attribute_exists, attribute_not_exists, attribute_type, begins_with, contains. */
    record Function(String name, DocumentPath path, Operand argument) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            JsonNode v = path.value(item);
            JsonNode arg = argument == null ? null : argument.value(item);
            return switch (name) {
                case "attribute_exists" -> v != null;
                case "attribute_not_exists" -> v == null;
                case "attribute_type" ->
                    v != null
                            && arg != null
                            && arg.has("S")
                            && AttributeValues.type(v).equals(arg.get("S").stringValue());
                case "begins_with" -> v != null && arg != null && beginsWith(v, arg);
                default -> v != null && arg != null && contains(v, arg); // contains
            };
        }

        private static boolean beginsWith(JsonNode v, JsonNode prefix) {
            String type = AttributeValues.type(v);
            if (!type.equals(AttributeValues.type(prefix))) {
                return false;
            }
            if (type.equals("S")) {
                return v.get("S").stringValue().startsWith(prefix.get("S").stringValue());
            }
            if (type.equals("B")) {
                byte[] bytes = AttributeValues.bytes(v.get("B"));
                byte[] start = AttributeValues.bytes(prefix.get("B"));
                return bytes.length >= start.length
                        && java.util.Arrays.equals(bytes, 0, start.length, start, 0, start.length);
            }
            return false;
        }

        private static boolean contains(JsonNode v, JsonNode element) {
            String type = AttributeValues.type(v);
            String elementType = AttributeValues.type(element);
            if (type.equals("S") && elementType.equals("S")) {
                return v.get("S").stringValue().contains(element.get("S").stringValue());
            }
            if (AttributeValues.isSet(type) && type.substring(0, 1).equals(elementType)) {
                for (JsonNode member : v.get(type)) {
                    if (AttributeValues.equal(AttributeValues.NODES.objectNode().set(elementType, member), element)) {
                        return true;
                    }
                }
                return false;
            }
            if (type.equals("L")) {
                for (JsonNode member : v.get("L")) {
                    if (AttributeValues.equal(member, element)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    record And(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return left.test(item) && right.test(item);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return left.test(item) || right.test(item);
        }
    }

    record Not(Condition condition) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return !condition.test(item);
        }
    }

    /** The right-hand side of a SET action, evaluated against the item as it was before the update. */
    interface SetValue {
        JsonNode value(ObjectNode item);
    }

    record OperandValue(Operand operand) implements SetValue {
        @Override
        public JsonNode value(ObjectNode item) {
            JsonNode v = operand.value(item);
            if (v == null) {
                throw AttributeValues.invalid(
                        "The provided expression refers to an attribute that does not exist in the item");
            }
            return v;
        }
    }

    record IfNotExists(DocumentPath path, SetValue fallback) implements SetValue {
        @Override
        public JsonNode value(ObjectNode item) {
            JsonNode v = path.value(item);
            return v != null ? v : fallback.value(item);
        }
    }

    record ListAppend(SetValue first, SetValue second) implements SetValue {
        @Override
        public JsonNode value(ObjectNode item) {
            JsonNode a = first.value(item);
            JsonNode b = second.value(item);
            if (!a.has("L") || !b.has("L")) {
                throw incorrectType();
            }
            ObjectNode joined = AttributeValues.NODES.objectNode();
            ArrayNode list = joined.putArray("L");
            a.get("L").forEach(list::add);
            b.get("L").forEach(list::add);
            return joined;
        }
    }

    /** {@code a + b} or {@code a - b}: numbers only. */
    record Arithmetic(SetValue left, boolean plus, SetValue right) implements SetValue {
        @Override
        public JsonNode value(ObjectNode item) {
            JsonNode a = left.value(item);
            JsonNode b = right.value(item);
            if (!a.has("N") || !b.has("N")) {
                throw incorrectType();
            }
            BigDecimal x = new BigDecimal(a.get("N").stringValue());
            BigDecimal y = new BigDecimal(b.get("N").stringValue());
            return AttributeValues.number(plus ? x.add(y) : x.subtract(y));
        }
    }

    static RuntimeException incorrectType() {
        return AttributeValues.invalid("An operand in the update expression has an incorrect data type");
    }

    /** One action of an update: what it changes, and how. */
    sealed interface UpdateAction permits SetAction, RemoveAction, AddAction, DeleteAction {
        DocumentPath path();
    }

    record SetAction(DocumentPath path, SetValue value) implements UpdateAction {}

    record RemoveAction(DocumentPath path) implements UpdateAction {}

    record AddAction(DocumentPath path, Operand value) implements UpdateAction {}

    record DeleteAction(DocumentPath path, Operand value) implements UpdateAction {}
}
