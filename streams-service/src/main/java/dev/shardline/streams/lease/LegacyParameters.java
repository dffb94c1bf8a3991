package dev.shardline.streams.lease;

import dev.shardline.streams.lease.Expression.AddAction;
import dev.shardline.streams.lease.Expression.And;
import dev.shardline.streams.lease.Expression.Between;
import dev.shardline.streams.lease.Expression.Comparator;
import dev.shardline.streams.lease.Expression.Comparison;
import dev.shardline.streams.lease.Expression.Condition;
import dev.shardline.streams.lease.Expression.DeleteAction;
import dev.shardline.streams.lease.Expression.Function;
import dev.shardline.streams.lease.Expression.In;
import dev.shardline.streams.lease.Expression.Literal;
import dev.shardline.streams.lease.Expression.Not;
import dev.shardline.streams.lease.Expression.Operand;
import dev.shardline.streams.lease.Expression.OperandValue;
import dev.shardline.streams.lease.Expression.Or;
import dev.shardline.streams.lease.Expression.RemoveAction;
import dev.shardline.streams.lease.Expression.SetAction;
import dev.shardline.streams.lease.Expression.UpdateAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * DynamoDB's legacy conditional parameters, {@code Expected} with {@code ConditionalOperator} and
 * {@code AttributeUpdates}, as the same conditions and actions that expressions parse to. The KCL's lease serializer
 * writes every lease change this way.
 */
final class LegacyParameters {

    private LegacyParameters() {}

    record ExpectedAttributeValue(
            JsonNode value, Boolean exists, String comparisonOperator, List<JsonNode> attributeValueList) {}

    record AttributeValueUpdate(JsonNode value, String action) {}

    static Condition expected(Map<String, ExpectedAttributeValue> expected, String conditionalOperator) {
        boolean or = "OR".equals(conditionalOperator);
        Condition all = null;
        for (var entry : expected.entrySet()) {
            Condition one = expectation(entry.getKey(), entry.getValue());
            all = all == null ? one : or ? new Or(all, one) : new And(all, one);
        }
        return all;
    }

    private static Condition expectation(String attribute, ExpectedAttributeValue e) {
        if (e == null) {
            throw AttributeValues.invalid(
                    "One or more parameter values were invalid: Expected must not be null for Attribute: " + attribute);
        }
        DocumentPath path = new DocumentPath(List.of(attribute));
        if (e.comparisonOperator() != null) {
            if (e.value() != null || e.exists() != null) {
                throw AttributeValues.invalid("One or more parameter values were invalid: Value or Exists cannot be"
                        + " used with ComparisonOperator for Attribute: " + attribute);
            }
            List<Operand> values = new ArrayList<>();
            if (e.attributeValueList() != null) {
                e.attributeValueList().forEach(v -> values.add(new Literal(AttributeValues.checked(v))));
            }
            return comparison(attribute, path, e.comparisonOperator(), values);
        }
        if (Boolean.FALSE.equals(e.exists())) {
            if (e.value() != null) {
                throw AttributeValues.invalid("One or more parameter values were invalid: Value cannot be used when"
                        + " Exists is false for Attribute: " + attribute);
            }
            return new Function("attribute_not_exists", path, null);
        }
        if (e.value() == null) {
            throw AttributeValues.invalid("One or more parameter values were invalid: Value must be provided when"
                    + " Exists is true for Attribute: " + attribute);
        }
        return new Comparison(path, Comparator.EQ, new Literal(AttributeValues.checked(e.value())));
    }

    private static Condition comparison(String attribute, DocumentPath path, String operator, List<Operand> values) {
        int arity = switch (operator) {
            case "NULL", "NOT_NULL" -> 0;
            case "BETWEEN" -> 2;
            case "IN" -> -1;
            default -> 1;
        };
        if ((arity >= 0 && values.size() != arity) || (arity < 0 && values.isEmpty())) {
            throw AttributeValues.invalid("One or more parameter values were invalid: Invalid number of argument(s)"
                    + " for the " + operator + " ComparisonOperator");
        }
        return switch (operator) {
            case "EQ" -> new Comparison(path, Comparator.EQ, values.get(0));
            case "NE" -> new Comparison(path, Comparator.NE, values.get(0));
            case "LT" -> new Comparison(path, Comparator.LT, values.get(0));
            case "LE" -> new Comparison(path, Comparator.LE, values.get(0));
            case "GT" -> new Comparison(path, Comparator.GT, values.get(0));
            case "GE" -> new Comparison(path, Comparator.GE, values.get(0));
            case "NULL" -> new Function("attribute_not_exists", path, null);
            case "NOT_NULL" -> new Function("attribute_exists", path, null);
            case "CONTAINS" -> new Function("contains", path, values.get(0));
            case "NOT_CONTAINS" ->
                new And(
                        new Function("attribute_exists", path, null),
                        new Not(new Function("contains", path, values.get(0))));
            case "BEGINS_WITH" -> new Function("begins_with", path, values.get(0));
            case "BETWEEN" -> new Between(path, values.get(0), values.get(1));
            case "IN" -> new In(path, values);
            default ->
                throw AttributeValues.invalid("1 validation error detected: Value '" + operator + "' at"
                        + " 'expected." + attribute + ".member.comparisonOperator' failed to satisfy constraint: Member"
                        + " must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE,"
                        + " BEGINS_WITH, GE, CONTAINS]");
        };
    }

    static List<UpdateAction> attributeUpdates(Map<String, AttributeValueUpdate> updates) {
        List<UpdateAction> actions = new ArrayList<>();
        for (var entry : updates.entrySet()) {
            DocumentPath path = new DocumentPath(List.of(entry.getKey()));
            AttributeValueUpdate update = entry.getValue();
            if (update == null) {
                throw AttributeValues.invalid("One or more parameter values were invalid: AttributeUpdates must not"
                        + " be null for Attribute: " + entry.getKey());
            }
            String action = update.action() == null ? "PUT" : update.action();
            JsonNode value = update.value() == null ? null : AttributeValues.checked(update.value());
            switch (action) {
                case "PUT" -> {
                    if (value == null) {
                        throw AttributeValues.invalid("One or more parameter values were invalid: Only DELETE action"
                                + " is allowed when no attribute value is specified");
                    }
                    actions.add(new SetAction(path, new OperandValue(new Literal(value))));
                }
                case "DELETE" -> {
                    if (value == null) {
                        actions.add(new RemoveAction(path));
                    } else if (!AttributeValues.isSet(AttributeValues.type(value))) {
                        throw AttributeValues.invalid("One or more parameter values were invalid: DELETE action with"
                                + " value is not supported for the type " + AttributeValues.type(value));
                    } else {
                        actions.add(new DeleteAction(path, new Literal(value)));
                    }
                }
                case "ADD" -> {
                    if (value == null) {
                        throw AttributeValues.invalid("One or more parameter values were invalid: Only DELETE action"
                                + " is allowed when no attribute value is specified");
                    }
                    actions.add(new AddAction(path, new Literal(value)));
                }
                default ->
                    throw AttributeValues.invalid("1 validation error detected: Value '" + action + "' at"
                            + " 'attributeUpdates." + entry.getKey() + ".member.action' failed to satisfy constraint:"
                            + " Member must satisfy enum value set: [DELETE, ADD, PUT]");
            }
        }
        return actions;
    }
}
