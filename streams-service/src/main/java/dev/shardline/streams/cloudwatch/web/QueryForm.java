package dev.shardline.streams.cloudwatch.web;

import dev.shardline.platform.error.AwsErrorType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An AWS query-protocol request body ({@code Action=PutMetricData&MetricData.member.1.MetricName=...}) as the tree the
 * JSON protocols would have sent: {@code X.member.N} is the N-th element of list X, a dotted name a nested structure.
 * Map entries ({@code .entry.N.key}) belong to members that are accepted and not kept (an entity's attributes), so
 * they are left out.
 */
final class QueryForm {

    /** More list members than any CloudWatch list may have; a larger index is refused rather than allocated. */
    private static final int MAX_INDEX = PutMetricDataCheck.MAX_METRICS + 1;

    private final Map<String, String> parameters;

    private QueryForm(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    static QueryForm parse(String body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value);
            } catch (IllegalArgumentException malformed) {
                throw AwsErrorType.INVALID_PARAMETER_VALUE.exception(
                        "The request body is not valid: it must be UTF-8, percent-encoded form data.");
            }
        }
        return new QueryForm(parameters);
    }

    String get(String name) {
        return parameters.get(name);
    }

    /** Every parameter but {@code Action} and {@code Version}, as nested objects and lists. */
    ObjectNode tree() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (name.equals("Action") || name.equals("Version") || name.contains(".entry.")) {
                continue;
            }
            put(root, name, name.split("\\.", -1), 0, parameter.getValue());
        }
        return root;
    }

    private static void put(ObjectNode parent, String name, String[] path, int at, String value) {
        String field = path[at];
        if (at + 1 < path.length && path[at + 1].equals("member")) {
            if (at + 2 >= path.length) {
                return; // "X.member" without an index carries nothing
            }
            int index = index(name, path[at + 2]);
            JsonNode existing = parent.get(field);
            ArrayNode list = existing instanceof ArrayNode array ? array : parent.putArray(field);
            while (list.size() < index) {
                list.addNull();
            }
            if (at + 3 == path.length) {
                list.set(index - 1, JsonNodeFactory.instance.stringNode(value));
            } else {
                JsonNode element = list.get(index - 1);
                ObjectNode object = element instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
                list.set(index - 1, object);
                put(object, name, path, at + 3, value);
            }
            return;
        }
        if (at + 1 == path.length) {
            parent.put(field, value);
            return;
        }
        JsonNode existing = parent.get(field);
        ObjectNode object = existing instanceof ObjectNode o ? o : parent.putObject(field);
        put(object, name, path, at + 1, value);
    }

    private static int index(String name, String text) {
        int index;
        try {
            index = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 1 || index > MAX_INDEX) {
            throw AwsErrorType.INVALID_PARAMETER_VALUE.exception(
                    "The parameter " + name + " is not valid: list members are numbered from 1 to " + MAX_INDEX + ".");
        }
        return index;
    }
}
