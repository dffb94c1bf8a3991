package dev.shardline.firehose.deliverystream.web;

import dev.shardline.platform.aws.AwsActionsOverRest;
import dev.shardline.platform.aws.AwsJsonService;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.RestCaller;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Firehose AWS actions as the {@code /v1} REST API calls them: the body in camelCase, the delivery stream named by
 * the path, the caller's account and region; the same model check, request records and handlers as {@code POST /}.
 */
@Component
class FirehoseRestActions {

    private static final String TARGET_PREFIX = "Firehose_20150804";
    private static final String NAME_MEMBER = "DeliveryStreamName";

    private final AwsActionsOverRest actions;
    private final RestCaller caller;

    FirehoseRestActions(List<AwsJsonService> services, RestCaller caller) {
        this.actions = new AwsActionsOverRest(services.stream()
                .filter(s -> TARGET_PREFIX.equals(s.targetPrefix()))
                .findFirst()
                .orElseThrow());
        this.caller = caller;
    }

    /** Calls {@code action} on the delivery stream {@code name} with the members of {@code body}, if any. */
    Object call(String action, String name, JsonNode body) {
        if (body != null && !body.isObject()) {
            return actions.call(action, body, context());
        }
        ObjectNode request = body == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) body.deepCopy();
        // the path names the stream; a name in the body (in any casing) is not a second one
        List<String> names = request.propertyNames().stream()
                .filter(NAME_MEMBER::equalsIgnoreCase)
                .toList();
        names.forEach(request::remove);
        request.put(NAME_MEMBER, name);
        return actions.call(action, request, context());
    }

    private AwsRequestContext context() {
        return new AwsRequestContext(UUID.randomUUID().toString(), caller.accountId(), caller.region());
    }
}
