package dev.shardline.local.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid-shaped values from a botocore service model ({@code service-2.json}, the file the AWS SDKs are generated
 * from): every required member, some optional ones, lengths, ranges and enums respected, and names taken from the
 * resources the fuzzer created where a member names one, so that a request gets past validation into the service.
 */
final class Shapes {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A generator of request bodies, with the length/range limits of each generated value for boundary mutations. */
    interface Input {
        ObjectNode generate(Random random, Resources resources, Map<JsonNode, Limits> limits);
    }

    /** The declared bounds of one generated value (string length, list size or numeric range); null where unbounded. */
    record Limits(String kind, Long min, Long max) {}

    private Shapes() {}

    /** Every operation of every AWS model on the class path ({@code aws-models/*.json}). */
    static List<Operation> awsOperations() {
        List<Operation> operations = new ArrayList<>();
        try {
            for (Resource resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:aws-models/*.json")) {
                JsonNode model;
                try (var in = resource.getInputStream()) {
                    model = JSON.readTree(in);
                }
                JsonNode metadata = model.path("metadata");
                String protocol = metadata.path("protocol").asString();
                String service = metadata.path("serviceId").asString();
                String target = metadata.path("targetPrefix").asString(null);
                JsonNode shapes = model.path("shapes");
                for (var entry : model.path("operations").properties()) {
                    JsonNode op = entry.getValue();
                    String inputShape = op.path("input").path("shape").asString(null);
                    operations.add(new Operation(
                            service,
                            protocol,
                            target,
                            entry.getKey(),
                            op.path("http").path("method").asString("POST"),
                            op.path("http").path("requestUri").asString("/"),
                            inputShape == null ? null : new Model(service, shapes, inputShape)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return operations;
    }

    /** An input shape of one model. */
    record Model(String service, JsonNode shapes, String input) implements Input {

        @Override
        public ObjectNode generate(Random random, Resources resources, Map<JsonNode, Limits> limits) {
            JsonNode value = value(random, resources, limits, input, input, 0);
            return value instanceof ObjectNode object ? object : NODES.objectNode();
        }

        private JsonNode value(
                Random random,
                Resources resources,
                Map<JsonNode, Limits> limits,
                String member,
                String shapeName,
                int depth) {
            JsonNode shape = shapes.path(shapeName);
            Long min = shape.has("min") ? shape.get("min").asLong() : null;
            Long max = shape.has("max") ? shape.get("max").asLong() : null;
            JsonNode value = switch (shape.path("type").asString()) {
                case "structure" -> structure(random, resources, limits, shape, depth);
                case "list" -> {
                    ArrayNode list = NODES.arrayNode();
                    int size = depth > 4 ? bounded(0, min, max) : bounded(random.nextInt(3), min, max);
                    for (int i = 0; i < size; i++) {
                        list.add(value(
                                random,
                                resources,
                                limits,
                                member,
                                shape.path("member").path("shape").asString(),
                                depth + 1));
                    }
                    yield list;
                }
                case "map" -> {
                    ObjectNode map = NODES.objectNode();
                    int size = depth > 4 ? bounded(0, min, max) : bounded(random.nextInt(3), min, max);
                    for (int i = 0; i < size; i++) {
                        JsonNode key = value(
                                random,
                                resources,
                                limits,
                                "Key",
                                shape.path("key").path("shape").asString(),
                                depth + 1);
                        map.set(
                                (key.isValueNode() ? key.asString() : "k") + (i == 0 ? "" : i),
                                value(
                                        random,
                                        resources,
                                        limits,
                                        "Value",
                                        shape.path("value").path("shape").asString(),
                                        depth + 1));
                    }
                    yield map;
                }
                case "string" -> NODES.stringNode(string(random, resources, member, shape, min, max));
                case "integer", "long" -> {
                    long low = min == null ? 0 : min;
                    long high = max == null ? low + 10 : Math.min(max, low + 10);
                    yield NODES.numberNode(low + random.nextLong(high - low + 1));
                }
                case "double", "float" -> NODES.numberNode((min == null ? 0 : min) + random.nextDouble() * 10);
                case "boolean" -> NODES.booleanNode(random.nextBoolean());
                case "blob" -> {
                    byte[] bytes = new byte[bounded(1 + random.nextInt(24), min, max)];
                    random.nextBytes(bytes);
                    yield NODES.binaryNode(bytes);
                }
                // AWS JSON protocols send timestamps as epoch seconds
                case "timestamp" -> NODES.numberNode(1_764_000_000L + random.nextInt(1_000_000));
                default -> NODES.nullNode();
            };
            if (min != null || max != null) {
                limits.put(value, new Limits(shape.path("type").asString(), min, max));
            }
            return value;
        }

        private ObjectNode structure(
                Random random, Resources resources, Map<JsonNode, Limits> limits, JsonNode shape, int depth) {
            ObjectNode object = NODES.objectNode();
            List<String> required = new ArrayList<>();
            shape.path("required").forEach(name -> required.add(name.asString()));
            List<String> members = new ArrayList<>(shape.path("members").propertyNames());
            if (shape.path("union").asBoolean(false) && !members.isEmpty()) {
                members = List.of(members.get(random.nextInt(members.size())));
                required.addAll(members);
            }
            for (String name : members) {
                if (required.contains(name) || (depth < 4 && random.nextInt(3) == 0)) {
                    String memberShape =
                            shape.path("members").path(name).path("shape").asString();
                    object.set(name, value(random, resources, limits, name, memberShape, depth + 1));
                }
            }
            return object;
        }

        private String string(Random random, Resources resources, String member, JsonNode shape, Long min, Long max) {
            if (shape.has("enum")) {
                JsonNode values = shape.get("enum");
                return values.get(random.nextInt(values.size())).asString();
            }
            String real = resources.pick(random, service, member);
            if (real != null) {
                return real;
            }
            int length = bounded(4 + random.nextInt(12), min, max);
            String pattern = shape.path("pattern").asString(null);
            for (String candidate : Resources.candidates(random, service, member, length)) {
                if (pattern == null || matches(pattern, candidate)) {
                    return candidate;
                }
            }
            return Resources.alphanumeric(random, length);
        }

        private static boolean matches(String pattern, String candidate) {
            try {
                return java.util.regex.Pattern.compile(pattern)
                        .matcher(candidate)
                        .find();
            } catch (RuntimeException e) {
                return true;
            }
        }
    }

    static int bounded(int wanted, Long min, Long max) {
        long value = wanted;
        if (min != null) {
            value = Math.max(value, min);
        }
        if (max != null) {
            value = Math.min(value, max);
        }
        return (int) Math.min(value, 64);
    }

    static BigInteger huge(Random random) {
        return BigInteger.TEN.pow(20 + random.nextInt(40)).add(BigInteger.valueOf(random.nextLong()));
    }

    static Map<JsonNode, Limits> limits() {
        return new IdentityHashMap<>();
    }
}
