package dev.shardline.local.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /v1} REST API as its OpenAPI document ({@code /v3/api-docs}) describes it: each path and method an
 * operation, its JSON body generated from the request body's schema, its path and query parameters from the names
 * of real resources.
 */
final class OpenApi {

    private OpenApi() {}

    static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        for (var path : document.path("paths").properties()) {
            if (!path.getKey().startsWith("/v1")) {
                continue;
            }
            for (var method : path.getValue().properties()) {
                JsonNode op = method.getValue();
                JsonNode body = op.path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                operations.add(new Operation(
                        "v1",
                        "openapi",
                        null,
                        op.path("operationId").asString(method.getKey() + " " + path.getKey()),
                        method.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(),
                        new Rest(schemas, body.isMissingNode() ? null : body, op.path("parameters"))));
            }
        }
        return operations;
    }

    /** A body from a JSON schema, and the query string and path of one request. */
    record Rest(JsonNode schemas, JsonNode body, JsonNode parameters) implements Shapes.Input {

        boolean hasBody() {
            return body != null;
        }

        @Override
        public ObjectNode generate(Random random, Resources resources, Map<JsonNode, Shapes.Limits> limits) {
            JsonNode value = body == null ? null : value(random, resources, limits, "body", body, 0);
            return value instanceof ObjectNode object ? object : Shapes.NODES.objectNode();
        }

        /** The path with its placeholders filled, and the query parameters. */
        String url(Random random, Resources resources, String template, boolean hostile) {
            String path = template;
            StringBuilder query = new StringBuilder();
            for (JsonNode parameter : parameters) {
                String name = parameter.path("name").asString();
                String in = parameter.path("in").asString();
                boolean required = parameter.path("required").asBoolean(false);
                String value = hostile && random.nextInt(3) == 0
                        ? Hostile.string(random)
                        : asString(value(random, resources, Shapes.limits(), name, parameter.path("schema"), 0));
                String encoded =
                        URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
                if ("path".equals(in)) {
                    path = path.replace("{" + name + "}", encoded.isEmpty() ? "%20" : encoded);
                } else if ("query".equals(in) && (required || random.nextBoolean())) {
                    query.append(query.isEmpty() ? "?" : "&")
                            .append(name)
                            .append('=')
                            .append(encoded);
                }
            }
            return path + query;
        }

        private static String asString(JsonNode node) {
            return node.isString() ? node.asString() : node.toString();
        }

        private JsonNode value(
                Random random,
                Resources resources,
                Map<JsonNode, Shapes.Limits> limits,
                String name,
                JsonNode schema,
                int depth) {
            if (schema.has("$ref")) {
                String ref = schema.get("$ref").asString();
                return value(
                        random,
                        resources,
                        limits,
                        name,
                        schemas.path(ref.substring(ref.lastIndexOf('/') + 1)),
                        depth + 1);
            }
            if (schema.has("oneOf") || schema.has("anyOf")) {
                JsonNode options = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
                return value(random, resources, limits, name, options.get(random.nextInt(options.size())), depth + 1);
            }
            Long min = schema.has("minLength")
                    ? Long.valueOf(schema.get("minLength").asLong())
                    : schema.has("minimum")
                            ? Long.valueOf(schema.get("minimum").asLong())
                            : schema.has("minItems")
                                    ? Long.valueOf(schema.get("minItems").asLong())
                                    : null;
            Long max = schema.has("maxLength")
                    ? Long.valueOf(schema.get("maxLength").asLong())
                    : schema.has("maximum")
                            ? Long.valueOf(schema.get("maximum").asLong())
                            : schema.has("maxItems")
                                    ? Long.valueOf(schema.get("maxItems").asLong())
                                    : null;
            String type = schema.path("type").asString(schema.has("properties") ? "object" : "string");
            JsonNode value = switch (type) {
                case "object" -> {
                    ObjectNode object = Shapes.NODES.objectNode();
                    List<String> required = new ArrayList<>();
                    schema.path("required").forEach(n -> required.add(n.asString()));
                    for (var property : schema.path("properties").properties()) {
                        if (required.contains(property.getKey()) || (depth < 5 && random.nextBoolean())) {
                            object.set(
                                    property.getKey(),
                                    value(
                                            random,
                                            resources,
                                            limits,
                                            property.getKey(),
                                            property.getValue(),
                                            depth + 1));
                        }
                    }
                    JsonNode extra = schema.path("additionalProperties");
                    if (extra.isObject() && depth < 5 && random.nextBoolean()) {
                        object.set(
                                Resources.alphanumeric(random, 5),
                                value(random, resources, limits, "value", extra, depth + 1));
                    }
                    yield object;
                }
                case "array" -> {
                    ArrayNode list = Shapes.NODES.arrayNode();
                    int size = Shapes.bounded(depth > 5 ? 0 : random.nextInt(3), min, max);
                    for (int i = 0; i < size; i++) {
                        list.add(value(random, resources, limits, name, schema.path("items"), depth + 1));
                    }
                    yield list;
                }
                case "integer", "number" -> {
                    long low = min == null ? 0 : min;
                    long high = max == null ? low + 10 : Math.min(max, low + 10);
                    yield Shapes.NODES.numberNode(low + random.nextLong(Math.max(1, high - low + 1)));
                }
                case "boolean" -> Shapes.NODES.booleanNode(random.nextBoolean());
                default -> Shapes.NODES.stringNode(string(random, resources, name, schema, min, max));
            };
            if (min != null || max != null) {
                limits.put(value, new Shapes.Limits(type, min, max));
            }
            return value;
        }

        private static String string(
                Random random, Resources resources, String name, JsonNode schema, Long min, Long max) {
            if (schema.has("enum")) {
                JsonNode values = schema.get("enum");
                return values.get(random.nextInt(values.size())).asString();
            }
            if ("date-time".equals(schema.path("format").asString())) {
                return "2026-12-03T12:00:00Z";
            }
            List<String> real = resources.all(capitalised(name));
            if (!real.isEmpty() && random.nextBoolean()) {
                return real.get(random.nextInt(real.size()));
            }
            List<String> names = resources.all("StreamName");
            names.addAll(resources.all("DeliveryStreamName"));
            names.addAll(resources.all("ApplicationName"));
            names.addAll(Resources.INVENTED);
            if (name.toLowerCase(java.util.Locale.ROOT).contains("name") && random.nextBoolean()) {
                return names.get(random.nextInt(names.size()));
            }
            return Resources.alphanumeric(random, Shapes.bounded(3 + random.nextInt(10), min, max));
        }

        private static String capitalised(String name) {
            return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
    }

    static ArrayNode empty() {
        return Shapes.NODES.arrayNode();
    }
}
