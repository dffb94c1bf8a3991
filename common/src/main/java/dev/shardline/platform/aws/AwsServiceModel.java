package dev.shardline.platform.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An AWS service's API model (the {@code service-2.json} that the AWS SDKs are generated from, as botocore ships it):
 * for each operation, the shape of its input with every member's type and constraints. The protocol endpoint checks
 * a request against it before an action sees it, so that malformed input gets AWS's answer whatever the action.
 *
 * <p>Each service module ships its model as {@code aws-models/<service>.json} on the classpath; JSON 1.1 models are
 * found by their {@code metadata.targetPrefix}, REST-JSON models (Kinesis Video Streams) by each operation's HTTP
 * method and path ({@code POST /createStream}).
 */
public final class AwsServiceModel {

    static final String LOCATION = "classpath*:aws-models/*.json";

    private final String structurePrefix;
    private final String signingName;
    private final Map<String, Shape> inputs;
    private final Map<String, String> operationsByRoute;

    private AwsServiceModel(
            String structurePrefix,
            String signingName,
            Map<String, Shape> inputs,
            Map<String, String> operationsByRoute) {
        this.structurePrefix = structurePrefix;
        this.signingName = signingName;
        this.inputs = inputs;
        this.operationsByRoute = operationsByRoute;
    }

    /** Every JSON 1.1 model on the classpath, by target prefix ({@code Kinesis_20131202}). */
    static Map<String, AwsServiceModel> onClasspath() {
        Map<String, AwsServiceModel> models = new HashMap<>();
        for (JsonNode root : modelsOnClasspath()) {
            String targetPrefix = root.path("metadata").path("targetPrefix").asString("");
            if (!targetPrefix.isEmpty()) {
                models.put(targetPrefix, parse(root));
            }
        }
        return models;
    }

    /** Every REST-JSON model on the classpath (those whose operations are addressed by method and path). */
    static List<AwsServiceModel> restJsonOnClasspath() {
        return modelsOnClasspath().stream()
                .filter(root -> "rest-json"
                        .equals(root.path("metadata").path("protocol").asString("")))
                .map(AwsServiceModel::parse)
                .toList();
    }

    private static List<JsonNode> modelsOnClasspath() {
        List<JsonNode> roots = new java.util.ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (InputStream in = resource.getInputStream()) {
                    roots.add(JsonMapper.shared().readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AWS service models at " + LOCATION, e);
        }
        return roots;
    }

    static AwsServiceModel parse(JsonNode root) {
        Map<String, Shape> shapes = new HashMap<>();
        Map<String, Shape> inputs = new HashMap<>();
        Map<String, String> routes = new HashMap<>();
        JsonNode definitions = root.path("shapes");
        for (var operation : root.path("operations").properties()) {
            JsonNode input = operation.getValue().path("input").path("shape");
            if (input.isString()) {
                inputs.put(operation.getKey(), shape(input.asString(), definitions, shapes));
            }
            JsonNode http = operation.getValue().path("http");
            if (http.has("method") && http.has("requestUri")) {
                routes.put(
                        route(
                                http.get("method").asString(),
                                http.get("requestUri").asString()),
                        operation.getKey());
            }
        }
        // Where it is known, AWS lists violations in an order of its own rather than the model's: "_memberOrder"
        // names, per structure, the members that come first, in that order.
        for (var order : root.path("_memberOrder").properties()) {
            Shape shape = shapes.get(order.getKey());
            if (shape != null) {
                Map<String, Shape> members = new LinkedHashMap<>();
                order.getValue().forEach(name -> members.put(name.asString(), shape.members.get(name.asString())));
                members.putAll(shape.members); // the rest keep their model order; the ones above keep their place
                shape.members.clear();
                shape.members.putAll(members);
            }
        }
        // Where Shardline deliberately accepts more than AWS (an http:// endpoint on this machine, say), "_local"
        // replaces a shape's pattern; each such choice is documented with the service.
        for (var local : root.path("_local").properties()) {
            Shape shape = shapes.get(local.getKey());
            if (shape != null && local.getValue().has("pattern")) {
                shape.pattern = Pattern.compile(local.getValue().get("pattern").asString());
            }
        }
        // Likewise the order in which AWS lists an enum's values in its message ("_enumOrder", per shape).
        for (var order : root.path("_enumOrder").properties()) {
            Shape shape = shapes.get(order.getKey());
            if (shape != null) {
                shape.enumValues =
                        order.getValue().valueStream().map(JsonNode::asString).toList();
            }
        }
        JsonNode metadata = root.path("metadata");
        String prefix = "com.amazonaws." + metadata.path("endpointPrefix").asString() + ".v"
                + metadata.path("apiVersion").asString().replace("-", "");
        // as the SDKs derive it: metadata.signingName, else the endpoint prefix
        String signingName = metadata.path("signingName")
                .asString(metadata.path("endpointPrefix").asString());
        return new AwsServiceModel(prefix, signingName, Map.copyOf(inputs), Map.copyOf(routes));
    }

    /** The input shape of an operation, if the model has one. */
    public Optional<Shape> input(String operation) {
        return Optional.ofNullable(inputs.get(operation));
    }

    /**
     * The input shape of the REST-JSON operation at {@code method} and {@code path}, if the model has one there.
     * AWS's paths are matched as they are written: Kinesis Video Streams' tag actions are {@code /TagResource} in
     * upper case beside {@code /tagStream}.
     */
    public Optional<Shape> inputAt(String method, String path) {
        return Optional.ofNullable(operationsByRoute.get(route(method, path))).flatMap(this::input);
    }

    private static String route(String method, String path) {
        return method + " " + path;
    }

    /** The package of AWS's own classes for this service ({@code com.amazonaws.kinesis.v20131202}). */
    String structurePrefix() {
        return structurePrefix;
    }

    /** The service name a SigV4 credential scope must carry for this service ({@code kinesis}, {@code firehose}). */
    String signingName() {
        return signingName;
    }

    private static Shape shape(String name, JsonNode definitions, Map<String, Shape> shapes) {
        Shape known = shapes.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = definitions.path(name);
        Shape shape = new Shape(name, Type.of(definition.path("type").asString()));
        shapes.put(name, shape); // before its members: a shape may contain itself
        shape.sensitive = definition.path("sensitive").asBoolean(false);
        shape.min = definition.has("min") ? definition.get("min").asLong() : null;
        shape.max = definition.has("max") ? definition.get("max").asLong() : null;
        shape.pattern = definition.has("pattern")
                ? Pattern.compile(definition.get("pattern").asString())
                : null;
        shape.enumValues = definition.has("enum")
                ? definition.get("enum").valueStream().map(JsonNode::asString).toList()
                : null;
        Set<String> required = new java.util.HashSet<>();
        definition.path("required").forEach(member -> required.add(member.asString()));
        shape.required = Set.copyOf(required);
        for (var member : definition.path("members").properties()) {
            shape.members.put(
                    member.getKey(), shape(member.getValue().path("shape").asString(), definitions, shapes));
        }
        if (definition.has("member")) {
            shape.member = shape(definition.path("member").path("shape").asString(), definitions, shapes);
        }
        if (definition.has("key")) {
            shape.key = shape(definition.path("key").path("shape").asString(), definitions, shapes);
            shape.value = shape(definition.path("value").path("shape").asString(), definitions, shapes);
        }
        return shape;
    }

    /** The wire types of the AWS JSON protocol. */
    public enum Type {
        STRUCTURE,
        LIST,
        MAP,
        STRING,
        BOOLEAN,
        INTEGER,
        LONG,
        DOUBLE,
        BLOB,
        TIMESTAMP;

        static Type of(String name) {
            return switch (name) {
                case "structure", "union" -> STRUCTURE;
                case "list" -> LIST;
                case "map" -> MAP;
                case "string" -> STRING;
                case "boolean" -> BOOLEAN;
                case "integer", "short", "byte" -> INTEGER;
                case "long" -> LONG;
                case "double", "float" -> DOUBLE;
                case "blob" -> BLOB;
                case "timestamp" -> TIMESTAMP;
                default -> throw new IllegalArgumentException("unknown shape type " + name);
            };
        }
    }

    /** One shape of the model; built once while the model is read, not changed after. */
    public static final class Shape {
        final String name;
        final Type type;
        final Map<String, Shape> members = new LinkedHashMap<>();
        Set<String> required = Set.of();
        boolean sensitive;
        Long min;
        Long max;
        Pattern pattern;
        List<String> enumValues;
        Shape member;
        Shape key;
        Shape value;

        Shape(String name, Type type) {
            this.name = name;
            this.type = type;
        }

        /** Whether a value of this shape can violate a constraint of its own (not counting its members'). */
        boolean hasConstraints() {
            return min != null || max != null || pattern != null || enumValues != null;
        }

        @Override
        public String toString() {
            return name + "(" + type + ")";
        }
    }
}
