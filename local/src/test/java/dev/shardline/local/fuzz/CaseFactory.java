package dev.shardline.local.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes request number {@code index} of a run from the run's seed alone, so that any one of them can be made again:
 * an operation, a valid-shaped body, then (most of the time) one mutation of its structure, its bytes or the request
 * around it (content type, target, method, path, signature).
 */
final class CaseFactory {

    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=000000000000/20261203/us-east-1/%s/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0";
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/json",
            "application/x-amz-json-1.0",
            "application/x-amz-json-1.1",
            "application/x-amz-cbor-1.1",
            "application/cbor",
            "application/xml",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "application/x-amz-json-1.1; charset=utf-16",
            "*/*",
            "garbage");

    private final List<Operation> operations;
    private final Resources resources;
    private final long seed;

    CaseFactory(List<Operation> operations, Resources resources, long seed) {
        this.operations = operations;
        this.resources = resources;
        this.seed = seed;
    }

    FuzzCase make(long index) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        Operation operation = operations.get(random.nextInt(operations.size()));
        boolean cbor = "Kinesis".equals(operation.service()) && random.nextBoolean();
        Map<JsonNode, Shapes.Limits> limits = Shapes.limits();
        ObjectNode tree = operation.input() == null
                ? Shapes.NODES.objectNode()
                : operation.input().generate(random, resources, limits);
        Map<String, String> headers = new LinkedHashMap<>();
        String method = operation.method();
        String path = operation.path();
        boolean rest = "openapi".equals(operation.protocol());
        boolean hasBody = !rest || ((OpenApi.Rest) operation.input()).hasBody();
        if (rest) {
            path = ((OpenApi.Rest) operation.input()).url(random, resources, operation.path(), random.nextInt(4) == 0);
        }
        switch (operation.protocol()) {
            case "json" -> {
                headers.put("Content-Type", cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1");
                headers.put("X-Amz-Target", operation.target() + "." + operation.name());
                headers.put("Authorization", SIGNED.formatted(scope(operation)));
            }
            case "rest-json" -> {
                headers.put("Content-Type", "application/json");
                headers.put("Authorization", SIGNED.formatted("kinesisvideo"));
            }
            default -> {
                if (hasBody) {
                    headers.put("Content-Type", "application/json");
                }
            }
        }
        String mutation;
        int roll = random.nextInt(100);
        if (roll < 15) {
            mutation = "VALID";
        } else if (roll < 75) {
            Mutations.Tree[] kinds = Mutations.Tree.values();
            mutation = Mutations.apply(kinds[random.nextInt(kinds.length)], tree, limits, random);
        } else {
            mutation = null;
        }
        byte[] body = hasBody ? Encoder.encode(tree, cbor ? Encoder.Wire.CBOR : Encoder.Wire.JSON) : new byte[0];
        if (mutation == null && roll < 88) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    int cut = body.length == 0 ? 0 : random.nextInt(body.length);
                    body = java.util.Arrays.copyOf(body, cut);
                    mutation = "TRUNCATED at " + cut;
                }
                case 1 -> {
                    body = body.clone();
                    int flips = 1 + random.nextInt(3);
                    for (int i = 0; i < flips && body.length > 0; i++) {
                        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                    }
                    mutation = "FLIPPED " + flips + " bytes";
                }
                case 2 -> {
                    List<String> roots = List.of("", "null", "[]", "\"x\"", "1", "{", "}", "{}{}", "   ", "[{}]");
                    String root = roots.get(random.nextInt(roots.size()));
                    body = root.getBytes(StandardCharsets.UTF_8);
                    mutation = "ROOT " + (root.isEmpty() ? "(empty)" : root);
                }
                default -> {
                    byte[] garbage = "\uFEFF".getBytes(StandardCharsets.UTF_8);
                    byte[] joined = new byte[garbage.length + body.length + 3];
                    boolean prefix = random.nextBoolean();
                    System.arraycopy(garbage, 0, joined, prefix ? 0 : body.length, garbage.length);
                    System.arraycopy(body, 0, joined, prefix ? garbage.length : 0, body.length);
                    joined[joined.length - 3] = 'x';
                    joined[joined.length - 2] = 'y';
                    joined[joined.length - 1] = 'z';
                    body = joined;
                    mutation = prefix ? "BOM and trailing garbage" : "trailing garbage";
                }
            }
        } else if (mutation == null) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
                    if (random.nextInt(6) == 0) {
                        headers.remove("Content-Type");
                        mutation = "NO Content-Type";
                    } else {
                        headers.put("Content-Type", type);
                        mutation = "Content-Type " + type;
                    }
                }
                case 1 -> {
                    Operation other = operations.get(random.nextInt(operations.size()));
                    String target = switch (random.nextInt(6)) {
                        case 0 ->
                            (other.target() == null ? "Kinesis_20131202" : other.target()) + "." + operation.name();
                        case 1 -> operation.target() + "." + operation.name().toLowerCase(java.util.Locale.ROOT);
                        case 2 -> operation.name();
                        case 3 -> "";
                        case 4 -> operation.target() + ".";
                        default -> "Kinesis_20131202." + "A".repeat(5000);
                    };
                    headers.put("X-Amz-Target", target);
                    if ("openapi".equals(operation.protocol()) || "rest-json".equals(operation.protocol())) {
                        headers.putIfAbsent("Authorization", SIGNED.formatted("kinesis"));
                    }
                    mutation = "X-Amz-Target " + (target.length() > 80 ? target.substring(0, 80) + "..." : target);
                }
                case 2 -> {
                    if (headers.remove("Authorization") == null) {
                        headers.put(
                                "Authorization", Hostile.string(random).replaceAll("[\\x00-\\x1f\\x7f-\\uffff]", "?"));
                    }
                    mutation = "Authorization changed";
                }
                case 3 -> {
                    List<String> methods = List.of("GET", "PUT", "DELETE", "PATCH", "POST", "OPTIONS", "HEAD");
                    method = methods.get(random.nextInt(methods.size()));
                    mutation = "method " + method;
                }
                default -> {
                    List<String> paths = List.of(
                            path + "/",
                            "/" + path,
                            path.toUpperCase(java.util.Locale.ROOT),
                            path + "/%2e%2e/%2e%2e",
                            path + "?a=%ZZ",
                            path + ";jsessionid=1",
                            path.replace("/", "//"));
                    path = paths.get(random.nextInt(paths.size()));
                    mutation = "path " + path;
                }
            }
        }
        if ("HEAD".equals(method) || "OPTIONS".equals(method)) {
            body = new byte[0];
        }
        return new FuzzCase(index, operation, mutation, method, path, headers, body, cbor);
    }

    private static String scope(Operation operation) {
        return switch (operation.service()) {
            case "Firehose" -> "firehose";
            case "Kinesis Analytics V2" -> "kinesisanalytics";
            default -> "kinesis";
        };
    }
}
