package dev.shardline.streams.lease;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.lease.Expression.Condition;
import dev.shardline.streams.lease.LeaseItems.Write;
import dev.shardline.streams.lease.LeaseItems.Written;
import dev.shardline.streams.lease.LegacyParameters.AttributeValueUpdate;
import dev.shardline.streams.lease.LegacyParameters.ExpectedAttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PutItem, GetItem, UpdateItem and DeleteItem on the DynamoDB wire, with conditions either as expressions
 * ({@code ConditionExpression}, {@code UpdateExpression}) or in the legacy form the KCL's lease serializer uses
 * ({@code Expected}, {@code AttributeUpdates}), and {@code ReturnValues} / {@code ReturnValuesOnConditionCheckFailure}.
 */
@Component
class LeaseItemActions {

    private final LeaseItems items;

    LeaseItemActions(LeaseItems items) {
        this.items = items;
    }

    record PutItemRequest(
            String tableName,
            Map<String, JsonNode> item,
            Map<String, ExpectedAttributeValue> expected,
            String conditionalOperator,
            String conditionExpression,
            Map<String, String> expressionAttributeNames,
            Map<String, JsonNode> expressionAttributeValues,
            String returnValues,
            String returnValuesOnConditionCheckFailure) {}

    record GetItemRequest(
            String tableName,
            Map<String, JsonNode> key,
            Boolean consistentRead,
            List<String> attributesToGet,
            String projectionExpression,
            Map<String, String> expressionAttributeNames) {}

    record UpdateItemRequest(
            String tableName,
            Map<String, JsonNode> key,
            Map<String, AttributeValueUpdate> attributeUpdates,
            Map<String, ExpectedAttributeValue> expected,
            String conditionalOperator,
            String updateExpression,
            String conditionExpression,
            Map<String, String> expressionAttributeNames,
            Map<String, JsonNode> expressionAttributeValues,
            String returnValues,
            String returnValuesOnConditionCheckFailure) {}

    record DeleteItemRequest(
            String tableName,
            Map<String, JsonNode> key,
            Map<String, ExpectedAttributeValue> expected,
            String conditionalOperator,
            String conditionExpression,
            Map<String, String> expressionAttributeNames,
            Map<String, JsonNode> expressionAttributeValues,
            String returnValues,
            String returnValuesOnConditionCheckFailure) {}

    /** The answer of PutItem, UpdateItem and DeleteItem: the item's attributes where ReturnValues asked for them. */
    record WriteItemResponse(ObjectNode attributes) {}

    record GetItemResponse(ObjectNode item) {}

    List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("PutItem", PutItemRequest.class, this::putItem),
                AwsAction.of("GetItem", GetItemRequest.class, this::getItem),
                AwsAction.of("UpdateItem", UpdateItemRequest.class, this::updateItem),
                AwsAction.of("DeleteItem", DeleteItemRequest.class, this::deleteItem));
    }

    private WriteItemResponse putItem(PutItemRequest request, AwsRequestContext ctx) {
        returnValues(request.returnValues(), Set.of("NONE", "ALL_OLD"), "PutItem");
        ObjectNode item = AttributeValues.checkedItem(request.item());
        Condition condition = condition(
                request.expected(),
                request.conditionalOperator(),
                request.conditionExpression(),
                request.expressionAttributeNames(),
                request.expressionAttributeValues(),
                null);
        Written written = items.write(
                ctx,
                request.tableName(),
                new Write(
                        table -> table.keyOfItem(item),
                        condition,
                        allOld(request.returnValuesOnConditionCheckFailure()),
                        (table, before) -> item));
        return "ALL_OLD".equals(request.returnValues()) ? new WriteItemResponse(written.before()) : empty();
    }

    private GetItemResponse getItem(GetItemRequest request, AwsRequestContext ctx) {
        ObjectNode key = AttributeValues.checkedItem(request.key());
        Projections projection = Projections.of(
                request.attributesToGet(), request.projectionExpression(), request.expressionAttributeNames());
        return items.get(ctx, request.tableName(), key)
                .map(item -> new GetItemResponse(projection.apply(item)))
                .orElseGet(() -> new GetItemResponse(null));
    }

    private WriteItemResponse updateItem(UpdateItemRequest request, AwsRequestContext ctx) {
        String returnValues = returnValues(
                request.returnValues(),
                Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"),
                "UpdateItem");
        ObjectNode key = AttributeValues.checkedItem(request.key());
        if (request.updateExpression() != null && request.attributeUpdates() != null) {
            throw mixed("AttributeUpdates", "UpdateExpression");
        }
        if (request.updateExpression() != null && request.expected() != null) {
            throw mixed("Expected", "UpdateExpression");
        }
        ExpressionParser parser = new ExpressionParser(
                request.expressionAttributeNames(), checkedValues(request.expressionAttributeValues()));
        ItemUpdate update = new ItemUpdate(
                request.updateExpression() != null
                        ? parser.update(request.updateExpression())
                        : request.attributeUpdates() != null
                                ? LegacyParameters.attributeUpdates(request.attributeUpdates())
                                : List.of());
        Condition condition = condition(
                request.expected(),
                request.conditionalOperator(),
                request.conditionExpression(),
                request.expressionAttributeNames(),
                request.expressionAttributeValues(),
                parser);
        Written written = items.write(
                ctx,
                request.tableName(),
                new Write(
                        table -> table.key(key),
                        condition,
                        allOld(request.returnValuesOnConditionCheckFailure()),
                        (table, before) -> {
                            ObjectNode start = before.isEmpty() ? key.deepCopy() : before;
                            ObjectNode after = update.apply(table, start);
                            table.keyOfItem(after);
                            return after;
                        }));
        return switch (returnValues) {
            case "ALL_OLD" -> new WriteItemResponse(written.before());
            case "ALL_NEW" -> new WriteItemResponse(written.after());
            case "UPDATED_OLD" -> new WriteItemResponse(only(written.before(), update.attributes()));
            case "UPDATED_NEW" -> new WriteItemResponse(only(written.after(), update.attributes()));
            default -> empty();
        };
    }

    private WriteItemResponse deleteItem(DeleteItemRequest request, AwsRequestContext ctx) {
        returnValues(request.returnValues(), Set.of("NONE", "ALL_OLD"), "DeleteItem");
        ObjectNode key = AttributeValues.checkedItem(request.key());
        Condition condition = condition(
                request.expected(),
                request.conditionalOperator(),
                request.conditionExpression(),
                request.expressionAttributeNames(),
                request.expressionAttributeValues(),
                null);
        Written written = items.write(
                ctx,
                request.tableName(),
                new Write(
                        table -> table.key(key),
                        condition,
                        allOld(request.returnValuesOnConditionCheckFailure()),
                        (table, before) -> null));
        return "ALL_OLD".equals(request.returnValues()) ? new WriteItemResponse(written.before()) : empty();
    }

    /**
     * The write's condition from {@code Expected} or from {@code ConditionExpression} (never both), or null. The parser
     * is the request's, where an update expression has already used some of the names and values.
     */
    private static Condition condition(
            Map<String, ExpectedAttributeValue> expected,
            String conditionalOperator,
            String conditionExpression,
            Map<String, String> names,
            Map<String, JsonNode> values,
            ExpressionParser parser) {
        if (expected != null && conditionExpression != null) {
            throw mixed("Expected", "ConditionExpression");
        }
        ExpressionParser expressions = parser != null ? parser : new ExpressionParser(names, checkedValues(values));
        Condition condition = null;
        if (conditionExpression != null) {
            condition = expressions.condition("ConditionExpression", conditionExpression);
        } else if (expected != null && !expected.isEmpty()) {
            if (names != null || values != null) {
                throw mixed("Expected", names != null ? "ExpressionAttributeNames" : "ExpressionAttributeValues");
            }
            condition = LegacyParameters.expected(expected, conditionalOperator);
        }
        expressions.checkAllUsed();
        return condition;
    }

    static Map<String, JsonNode> checkedValues(Map<String, JsonNode> values) {
        if (values == null) {
            return null;
        }
        Map<String, JsonNode> checked = new LinkedHashMap<>();
        values.forEach((name, value) -> checked.put(name, AttributeValues.checked(value)));
        return checked;
    }

    static RuntimeException mixed(String nonExpression, String expression) {
        return AwsErrorType.VALIDATION.exception("Can not use both expression and non-expression parameters in the"
                + " same request: Non-expression parameters: {" + nonExpression + "} Expression parameters: {"
                + expression + "}");
    }

    private static String returnValues(String requested, Set<String> allowed, String action) {
        if (requested == null) {
            return "NONE";
        }
        if (!allowed.contains(requested)) {
            throw AwsErrorType.VALIDATION.exception("ReturnValues can only be "
                    + String.join(
                            " or ", new ArrayList<>(allowed).stream().sorted().toList()) + " for " + action);
        }
        return requested;
    }

    private static boolean allOld(String returnValuesOnConditionCheckFailure) {
        return "ALL_OLD".equals(returnValuesOnConditionCheckFailure);
    }

    private static ObjectNode only(ObjectNode item, Set<String> attributes) {
        if (item == null) {
            return null;
        }
        ObjectNode some = AttributeValues.NODES.objectNode();
        attributes.forEach(a -> {
            if (item.has(a)) {
                some.set(a, item.get(a));
            }
        });
        return some.isEmpty() ? null : some;
    }

    private static WriteItemResponse empty() {
        return new WriteItemResponse(null);
    }
}
