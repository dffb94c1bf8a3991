package dev.shardline.streams.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** DynamoDB's expression language as the lease store evaluates it, without a server. */
class ExpressionParserTest {

    private static final ObjectNode ITEM = json("""
            {"leaseKey": {"S": "shardId-1"}, "leaseCounter": {"N": "5"}, "owner": {"S": "worker-1"},
             "parents": {"SS": ["a", "b"]}, "tags": {"L": [{"S": "x"}, {"N": "2"}]},
             "meta": {"M": {"depth": {"N": "3"}, "name": {"S": "deep"}}}}
            """);

    private static ObjectNode json(String text) {
        return (ObjectNode) JsonMapper.shared().readTree(text);
    }

    private static boolean holds(String expression, Map<String, String> values) {
        Map<String, JsonNode> parsed = values.isEmpty() ? null : new java.util.HashMap<>();
        values.forEach((k, v) -> parsed.put(k, json(v)));
        return new ExpressionParser(null, parsed)
                .condition("ConditionExpression", expression)
                .test(ITEM);
    }

    @Test
    void comparisonsFunctionsAndPrecedenceEvaluateAsInDynamoDb() {
        assertThat(holds("leaseCounter = :five", Map.of(":five", "{\"N\": \"5.0\"}")))
                .isTrue();
        assertThat(holds(
                        "leaseCounter > :n AND leaseCounter <= :m",
                        Map.of(":n", "{\"N\": \"4\"}", ":m", "{\"N\": \"5\"}")))
                .isTrue();
        assertThat(holds("missing <> :v", Map.of(":v", "{\"S\": \"x\"}"))).isTrue();
        assertThat(holds("missing = :v OR missing < :v", Map.of(":v", "{\"S\": \"x\"}")))
                .isFalse();
        assertThat(holds("leaseCounter = :s", Map.of(":s", "{\"S\": \"5\"}"))).isFalse();
        // AND binds tighter than OR; NOT tighter than AND
        assertThat(holds("attribute_exists(owner) OR attribute_exists(x) AND attribute_exists(y)", Map.of()))
                .isTrue();
        assertThat(holds("NOT attribute_exists(owner) AND attribute_exists(leaseKey)", Map.of()))
                .isFalse();
        assertThat(holds("leaseCounter BETWEEN :a AND :b", Map.of(":a", "{\"N\": \"1\"}", ":b", "{\"N\": \"9\"}")))
                .isTrue();
        assertThat(holds("owner IN (:a, :b)", Map.of(":a", "{\"S\": \"w\"}", ":b", "{\"S\": \"worker-1\"}")))
                .isTrue();
        assertThat(holds(
                        "begins_with(owner, :p) AND contains(parents, :a)",
                        Map.of(":p", "{\"S\": \"work\"}", ":a", "{\"S\": \"a\"}")))
                .isTrue();
        assertThat(holds(
                        "size(parents) = :two AND attribute_type(meta, :m)",
                        Map.of(":two", "{\"N\": \"2\"}", ":m", "{\"S\": \"M\"}")))
                .isTrue();
        assertThat(holds(
                        "meta.depth = :three AND tags[1] = :two",
                        Map.of(":three", "{\"N\": \"3\"}", ":two", "{\"N\": \"2\"}")))
                .isTrue();
    }

    @Test
    void updateActionsChangeACopyWithValuesFromTheItemAsItWas() {
        LeaseTable table = new LeaseTable(
                UUID.randomUUID(),
                "123456789012",
                "us-east-1",
                "t",
                new LeaseTable.Definition(
                        List.of(new LeaseTable.AttributeDefinition("leaseKey", "S")),
                        List.of(new LeaseTable.KeySchemaElement("leaseKey", "HASH")),
                        List.of(),
                        "PAY_PER_REQUEST",
                        null,
                        false,
                        false,
                        List.of()),
                java.time.Instant.now());
        Map<String, JsonNode> values = Map.of(
                ":one", json("{\"N\": \"1\"}"),
                ":more", json("{\"L\": [{\"S\": \"y\"}]}"),
                ":a", json("{\"SS\": [\"a\"]}"),
                ":n", json("{\"S\": \"renamed\"}"));
        ExpressionParser parser = new ExpressionParser(Map.of("#c", "leaseCounter"), values);
        ItemUpdate update = new ItemUpdate(
                parser.update("SET #c = #c + :one, tags = list_append(tags, :more), fresh = if_not_exists(fresh, :one),"
                        + " meta.name = :n REMOVE owner DELETE parents :a"));
        parser.checkAllUsed();

        ObjectNode after = update.apply(table, ITEM);

        assertThat(after.get("leaseCounter")).isEqualTo(json("{\"N\": \"6\"}"));
        assertThat(after.get("tags").get("L")).hasSize(3);
        assertThat(after.get("fresh")).isEqualTo(json("{\"N\": \"1\"}"));
        assertThat(after.get("meta").get("M").get("name")).isEqualTo(json("{\"S\": \"renamed\"}"));
        assertThat(after.has("owner")).isFalse();
        assertThat(after.get("parents")).isEqualTo(json("{\"SS\": [\"b\"]}"));
        assertThat(ITEM.get("leaseCounter")).isEqualTo(json("{\"N\": \"5\"}")); // the item itself is unchanged

        assertThatThrownBy(() -> new ItemUpdate(new ExpressionParser(null, values).update("SET leaseKey = :n"))
                        .apply(table, ITEM))
                .isInstanceOf(AwsException.class)
                .hasMessageContaining("Cannot update attribute leaseKey. This attribute is part of the key");
        assertThatThrownBy(() -> new ItemUpdate(new ExpressionParser(null, values).update("SET owner = owner + :one"))
                        .apply(table, ITEM))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void attributeValuesAreCheckedAndNumbersNormalisedAsDynamoDbDoes() {
        assertThat(AttributeValues.checked(json("{\"N\": \"001.500\"}"))).isEqualTo(json("{\"N\": \"1.5\"}"));
        assertThat(AttributeValues.checked(json("{\"N\": \"-0.0\"}"))).isEqualTo(json("{\"N\": \"0\"}"));
        assertThatThrownBy(() -> AttributeValues.checked(json("{\"N\": \"1e999999999\"}")))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertThatThrownBy(() -> AttributeValues.checked(json("{\"N\": \"ten\"}")))
                .hasMessage("A value provided cannot be converted into a number");
        assertThatThrownBy(() -> AttributeValues.checked(json("{\"S\": \"a\", \"N\": \"1\"}")))
                .hasMessageStartingWith("Supplied AttributeValue has more than one datatypes set");
        assertThatThrownBy(() -> AttributeValues.checked(json("{}")))
                .hasMessageStartingWith("Supplied AttributeValue is empty");
        assertThatThrownBy(() -> AttributeValues.checked(json("{\"SS\": [\"a\", \"a\"]}")))
                .hasMessageEndingWith("contains duplicates.");
        String deep = "{\"L\": [".repeat(40) + "{\"S\": \"x\"}" + "]}".repeat(40);
        assertThatThrownBy(() -> AttributeValues.checked(json(deep)))
                .hasMessage("Nesting Levels have exceeded supported limits");
    }

    @Test
    void malformedExpressionsAreRefusedWithDynamoDbsWording() {
        assertThatThrownBy(() -> new ExpressionParser(null, null).condition("ConditionExpression", "a = "))
                .hasMessageStartingWith("Invalid ConditionExpression: Syntax error; token: \"<EOF>\"");
        assertThatThrownBy(() -> new ExpressionParser(null, null).condition("ConditionExpression", "#x = b"))
                .hasMessage("Invalid ConditionExpression: An expression attribute name used in the document path is"
                        + " not defined; attribute name: #x");
        assertThatThrownBy(
                        () -> new ExpressionParser(Map.of("#a", "a", "#b", "b"), null).update("SET #a = #a REMOVE #a"))
                .hasMessageStartingWith("Invalid UpdateExpression: Two document paths overlap with each other");
        ExpressionParser unused = new ExpressionParser(Map.of("#a", "a", "#b", "b"), null);
        unused.condition("ConditionExpression", "attribute_exists(#a)");
        assertThatThrownBy(unused::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
    }
}
