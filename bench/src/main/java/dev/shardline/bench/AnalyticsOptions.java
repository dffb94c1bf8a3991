package dev.shardline.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command line of {@link AnalyticsBench}. */
record AnalyticsOptions(
        URI endpoint,
        String kafkaBootstrap,
        long serverPid,
        Set<String> phases,
        int records,
        int shards,
        int rounds,
        int parallelism,
        int latencyRate,
        int latencySeconds,
        int checkpointMillis,
        int recoverySeconds) {

    static final String THROUGHPUT = "throughput";
    static final String LATENCY = "latency";
    static final String RECOVERY = "recovery";

    static final String USAGE = "usage: java -cp shardline-bench.jar -Dloader.main=dev.shardline.bench.AnalyticsBench"
            + " org.springframework.boot.loader.launch.PropertiesLauncher --endpoint http://127.0.0.1:PORT"
            + " --kafka-bootstrap 127.0.0.1:KAFKA_PORT [--server-pid PID] [--phases throughput,latency,recovery]"
            + " [--records 400000] [--shards 2] [--rounds 2] [--parallelism 1] [--latency-rate 1000]"
            + " [--latency-seconds 60] [--checkpoint-millis 2000] [--recovery-seconds 30]";

    private static final Set<String> KEYS = Set.of(
            "endpoint",
            "kafka-bootstrap",
            "server-pid",
            "phases",
            "records",
            "shards",
            "rounds",
            "parallelism",
            "latency-rate",
            "latency-seconds",
            "checkpoint-millis",
            "recovery-seconds");

    static AnalyticsOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!KEYS.contains(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete option " + args[i] + "\n" + USAGE);
            }
            values.put(key, args[i + 1]);
        }
        if (!values.containsKey("endpoint")) {
            throw new IllegalArgumentException("--endpoint is required\n" + USAGE);
        }
        Set<String> phases =
                new LinkedHashSet<>(List.of(values.getOrDefault("phases", THROUGHPUT + "," + LATENCY + "," + RECOVERY)
                        .split(",")));
        for (String phase : phases) {
            if (!Set.of(THROUGHPUT, LATENCY, RECOVERY).contains(phase)) {
                throw new IllegalArgumentException("unknown phase " + phase + "\n" + USAGE);
            }
        }
        if (phases.contains(THROUGHPUT) && !values.containsKey("kafka-bootstrap")) {
            throw new IllegalArgumentException("the throughput phase needs --kafka-bootstrap\n" + USAGE);
        }
        return new AnalyticsOptions(
                URI.create(values.get("endpoint")),
                values.get("kafka-bootstrap"),
                Long.parseLong(values.getOrDefault("server-pid", "-1")),
                phases,
                Integer.parseInt(values.getOrDefault("records", "400000")),
                Integer.parseInt(values.getOrDefault("shards", "2")),
                Integer.parseInt(values.getOrDefault("rounds", "2")),
                Integer.parseInt(values.getOrDefault("parallelism", "1")),
                Integer.parseInt(values.getOrDefault("latency-rate", "1000")),
                Integer.parseInt(values.getOrDefault("latency-seconds", "60")),
                Integer.parseInt(values.getOrDefault("checkpoint-millis", "2000")),
                Integer.parseInt(values.getOrDefault("recovery-seconds", "30")));
    }
}
