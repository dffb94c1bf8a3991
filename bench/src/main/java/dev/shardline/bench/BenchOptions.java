package dev.shardline.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command line of {@link KinesisBench}. */
record BenchOptions(
        URI endpoint,
        String name,
        boolean cbor,
        Set<String> phases,
        int producers,
        int seconds,
        int latencySeconds,
        int latencyRate,
        int latencyWarmupSeconds,
        int capacitySeconds,
        int capacityRate,
        int capacityWriters,
        int rampStepSeconds,
        List<Integer> rampRates,
        URI s3Endpoint,
        String s3AccessKey,
        String s3SecretKey,
        int firehoseProducers,
        int firehoseSeconds,
        int freshnessRate,
        int freshnessSeconds) {

    /** The comparison with other implementations: PutRecords then GetRecords throughput, and put-to-get latency. */
    static final String THROUGHPUT = "throughput";

    static final String LATENCY = "latency";

    /** PROVISIONED per-shard limits: a 2-shard stream offered twice what it may take. */
    static final String THROTTLE = "throttle";

    /** An ON_DEMAND stream under a rising write rate, watching the server add shards. */
    static final String ONDEMAND = "ondemand";

    /** Firehose DirectPut into S3: PutRecordBatch throughput until the last record is in the bucket. */
    static final String FIREHOSE_THROUGHPUT = "firehose-throughput";

    /** Firehose data freshness at a 1 MiB / 60 s buffer: put to object in S3, over a paced run. */
    static final String FIREHOSE_FRESHNESS = "firehose-freshness";

    private static final Map<String, List<String>> PHASE_GROUPS = Map.of(
            "default", List.of(THROUGHPUT, LATENCY),
            "capacity", List.of(THROTTLE, ONDEMAND),
            "firehose", List.of(FIREHOSE_THROUGHPUT, FIREHOSE_FRESHNESS),
            "all", List.of(THROUGHPUT, LATENCY, THROTTLE, ONDEMAND));

    private static final Set<String> PHASES =
            Set.of(THROUGHPUT, LATENCY, THROTTLE, ONDEMAND, FIREHOSE_THROUGHPUT, FIREHOSE_FRESHNESS);

    static final String DEFAULT_RAMP_RATES = "100,500,1000,2000,4000,6000,8000,10000,10000,10000";

    static final String USAGE = "usage: java -jar shardline-bench.jar --endpoint http://127.0.0.1:PORT --name LABEL"
            + " [--cbor true|false] [--phases default|capacity|all|throughput,latency,throttle,ondemand]"
            + " [--producers 4] [--seconds 20] [--latency-seconds 15] [--latency-rate 200]"
            + " [--latency-warmup-seconds 30]"
            + " [--capacity-seconds 15] [--capacity-rate 4000] [--capacity-writers 16] [--ramp-step-seconds 8]"
            + " [--ramp-rates " + DEFAULT_RAMP_RATES + "]"
            + " [--phases firehose --s3-endpoint http://127.0.0.1:S3PORT [--s3-access-key shardline]"
            + " [--s3-secret-key shardline] [--firehose-producers 4] [--firehose-seconds 20] [--freshness-rate 500]"
            + " [--freshness-seconds 30]]";

    private static final Set<String> KEYS = Set.of(
            "endpoint",
            "name",
            "cbor",
            "phases",
            "producers",
            "seconds",
            "latency-seconds",
            "latency-rate",
            "latency-warmup-seconds",
            "capacity-seconds",
            "capacity-rate",
            "capacity-writers",
            "ramp-step-seconds",
            "ramp-rates",
            "s3-endpoint",
            "s3-access-key",
            "s3-secret-key",
            "firehose-producers",
            "firehose-seconds",
            "freshness-rate",
            "freshness-seconds");

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
        Set<String> phases = phases(values.getOrDefault("phases", "default"));
        boolean firehose = phases.contains(FIREHOSE_THROUGHPUT) || phases.contains(FIREHOSE_FRESHNESS);
        // The Firehose phases watch the delivery bucket, so they need the S3 endpoint the server delivers to.
        URI s3 = firehose ? URI.create(required(values, "s3-endpoint")) : null;
        return new BenchOptions(
                URI.create(endpoint),
                name,
                parseBoolean(values.getOrDefault("cbor", "true")),
                phases,
                positive(values, "producers", 4),
                positive(values, "seconds", 20),
                positive(values, "latency-seconds", 15),
                positive(values, "latency-rate", 200),
                nonNegative(values, "latency-warmup-seconds", 30),
                positive(values, "capacity-seconds", 15),
                positive(values, "capacity-rate", 4000),
                positive(values, "capacity-writers", 16),
                positive(values, "ramp-step-seconds", 8),
                rates(values.getOrDefault("ramp-rates", DEFAULT_RAMP_RATES)),
                s3,
                values.getOrDefault("s3-access-key", "shardline"),
                values.getOrDefault("s3-secret-key", "shardline"),
                positive(values, "firehose-producers", 4),
                positive(values, "firehose-seconds", 20),
                positive(values, "freshness-rate", 500),
                positive(values, "freshness-seconds", 30));
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** Length of the ON_DEMAND ramp: every step is held the same time. */
    int rampSeconds() {
        return rampStepSeconds * rampRates.size();
    }

    private static Set<String> phases(String raw) {
        Set<String> phases = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            String phase = part.trim();
            if (PHASE_GROUPS.containsKey(phase)) {
                phases.addAll(PHASE_GROUPS.get(phase));
            } else if (PHASES.contains(phase)) {
                phases.add(phase);
            } else {
                throw new IllegalArgumentException("unknown phase in --phases: " + phase + " (want default, capacity,"
                        + " firehose, all, or a list of throughput, latency, throttle, ondemand, firehose-throughput,"
                        + " firehose-freshness)");
            }
        }
        return Set.copyOf(phases);
    }

    private static List<Integer> rates(String raw) {
        List<Integer> rates = new ArrayList<>();
        for (String part : raw.split(",")) {
            int rate = Integer.parseInt(part.trim());
            if (rate <= 0) {
                throw new IllegalArgumentException("--ramp-rates must be positive, got " + raw);
            }
            rates.add(rate);
        }
        return List.copyOf(rates);
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

    private static int nonNegative(Map<String, String> values, String key, int defaultValue) {
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        int value = Integer.parseInt(raw);
        if (value < 0) {
            throw new IllegalArgumentException("--" + key + " must not be negative, got " + raw);
        }
        return value;
    }
}
