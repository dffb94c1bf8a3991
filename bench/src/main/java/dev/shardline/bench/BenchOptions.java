package dev.shardline.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Command line of {@link KinesisBench}. */
record BenchOptions(
        URI endpoint, String name, boolean cbor, int producers, int seconds, int latencySeconds, int latencyRate) {

    static final String USAGE = "usage: java -jar shardline-bench.jar --endpoint http://127.0.0.1:PORT --name LABEL"
            + " [--cbor true|false] [--producers 4] [--seconds 20] [--latency-seconds 15] [--latency-rate 200]";

    private static final Set<String> KEYS =
            Set.of("endpoint", "name", "cbor", "producers", "seconds", "latency-seconds", "latency-rate");

    static BenchOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for --" + key);
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
            values.put(key, value);
        }
        String endpoint = required(values, "endpoint");
        String name = required(values, "name");
        return new BenchOptions(
                URI.create(endpoint),
                name,
                parseBoolean(values.getOrDefault("cbor", "true")),
                positive(values, "producers", 4),
                positive(values, "seconds", 20),
                positive(values, "latency-seconds", 15),
                positive(values, "latency-rate", 200));
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }

    private static boolean parseBoolean(String value) {
        // Boolean.parseBoolean would silently read a typo as false and benchmark the wrong protocol.
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--cbor must be true or false, got " + value);
        };
    }

    private static int positive(Map<String, String> values, String key, int defaultValue) {
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        int value = Integer.parseInt(raw);
        if (value <= 0) {
            throw new IllegalArgumentException("--" + key + " must be positive, got " + raw);
        }
        return value;
    }
}
