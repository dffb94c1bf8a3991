package dev.shardline.platform.aws;

import dev.shardline.platform.aws.AwsServiceModel.Shape;
import dev.shardline.platform.error.AwsErrorType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's AWS actions called from its {@code /v1} REST API, so that REST and the AWS wire share one request model,
 * one validation and one handler. A REST body names the AWS members in camelCase ({@code deliveryStreamName},
 * {@code bucketARN}); any casing of a member's name is read as that member (the model has no two members that differ
 * only in case), map keys are left as they are. The body is then checked against the operation's input shape, bound
 * to the action's request record and handled, exactly as on {@code POST /}; errors are the same {@code AwsException}s.
 */
public final class AwsActionsOverRest {

    private final Map<String, AwsAction<?, ?>> actions = new HashMap<>();
    private final AwsServiceModel model;

    public AwsActionsOverRest(AwsJsonService service) {
        service.actions().forEach(action -> actions.put(action.name(), action));
        this.model = AwsServiceModel.onClasspath().get(service.targetPrefix());
        if (model == null) {
            throw new IllegalStateException("No AWS model on the classpath for " + service.targetPrefix());
        }
    }

    /** Calls {@code action} with {@code body} (a JSON object, members in any casing) as the caller in {@code ctx}. */
    public Object call(String action, JsonNode body, AwsRequestContext ctx) {
        AwsAction<?, ?> handler = actions.get(action);
        Shape shape = model.input(action).orElse(null);
        if (handler == null || shape == null) {
            throw new IllegalArgumentException("No AWS action " + action);
        }
        if (body == null || !body.isObject()) {
            throw AwsErrorType.SERIALIZATION.exception(
                    body != null && body.isArray() ? "Start of list found where not expected" : null);
        }
        JsonNode tree = awsNames(body, shape);
        AwsInputCheck.check(tree, shape, model.structurePrefix());
        Object input;
        try {
            input = AwsWireFormat.JSON
                    .mapper()
                    .readerFor(handler.inputType())
                    .withAttribute(AwsTimestamps.FROM_CBOR, false)
                    .readValue(tree);
        } catch (JacksonException e) {
            throw AwsErrorType.SERIALIZATION.exception("Unexpected value or type for member");
        }
        return handler.invoke(input, ctx);
    }

    /** The body with each structure member under its name in the model; what the model does not know is kept. */
    private static JsonNode awsNames(JsonNode node, Shape shape) {
        if (shape == null || node == null) {
            return node;
        }
        if (shape.type == AwsServiceModel.Type.STRUCTURE && node.isObject()) {
            ObjectNode named = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                Optional<String> member = shape.members.keySet().stream()
                        .filter(m -> m.equalsIgnoreCase(property.getKey()))
                        .findFirst();
                named.set(
                        member.orElse(property.getKey()),
                        awsNames(
                                property.getValue(),
                                member.map(shape.members::get).orElse(null)));
            }
            return named;
        }
        if (shape.type == AwsServiceModel.Type.LIST && node.isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> items.add(awsNames(item, shape.member)));
            return items;
        }
        if (shape.type == AwsServiceModel.Type.MAP && node.isObject()) {
            ObjectNode values = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> values.set(e.getKey(), awsNames(e.getValue(), shape.value)));
            return values;
        }
        return node;
    }
}
