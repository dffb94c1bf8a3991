package dev.shardline.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Slow and hostile clients against a running Shardline: slow-body connections (a PutRecord header that declares a body,
 * then one byte every two seconds) and slowloris connections (a header that never ends, one byte every two seconds),
 * held together while health and PutRecords (AWS SDK v2) are timed, then left alone to see how soon the server closes
 * them. Prints a markdown report. Run by {@code bench/abuse.sh}.
 *
 * <p>Arguments: {@code --endpoint URL --slow-bodies N --slowloris N --seconds S --baseline-seconds S}.
 */
public final class AbuseBench {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private AbuseBench() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI endpoint = URI.create(options.getOrDefault("endpoint", "http://127.0.0.1:4566"));
        int slowBodies = Integer.parseInt(options.getOrDefault("slow-bodies", "300"));
        int slowloris = Integer.parseInt(options.getOrDefault("slowloris", "9000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int baselineSeconds = Integer.parseInt(options.getOrDefault("baseline-seconds", "10"));

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(PROBE_TIMEOUT)
                .build();
        KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(PROBE_TIMEOUT)
                        .socketTimeout(PROBE_TIMEOUT))
                .overrideConfiguration(o -> o.apiCallTimeout(PROBE_TIMEOUT).retryStrategy(r -> r.maxAttempts(1)))
                .build();
        String stream = "abuse-" + System.currentTimeMillis();
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (kinesis.describeStreamSummary(r -> r.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(stream + " did not become ACTIVE");
            }
            Thread.sleep(200);
        }
        Probe health = () -> {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(endpoint.resolve("/actuator/health"))
                            .timeout(PROBE_TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("health answered " + answer.statusCode());
            }
        };
        Probe putRecords = () -> {
            var answer = kinesis.putRecords(r -> r.streamName(stream)
                    .records(PutRecordsRequestEntry.builder()
                            .partitionKey("k")
                            .data(SdkBytes.fromUtf8String("held"))
                            .build()));
            if (answer.failedRecordCount() != 0) {
                throw new IllegalStateException("PutRecords failed a record");
            }
        };

        System.out.printf("# Abuse run against %s%n%n", endpoint);
        Probes baseline = Probes.run(health, putRecords, baselineSeconds);
        InetSocketAddress address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        long opening = System.nanoTime();
        HeldConnections bodies = HeldConnections.open(address, slowBodies, HeldConnections.slowBody(host));
        HeldConnections loris = HeldConnections.open(address, slowloris, HeldConnections.slowloris(host));
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        trickler.scheduleAtFixedRate(
                () -> {
                    bodies.trickle();
                    loris.trickle();
                },
                2,
                2,
                TimeUnit.SECONDS);
        Probes held = Probes.run(health, putRecords, seconds);
        int bodiesHeld = bodies.stillOpen();
        int lorisHeld = loris.stillOpen();
        trickler.shutdown();
        trickler.awaitTermination(10, TimeUnit.SECONDS);
        long lastByte = System.nanoTime();
        long closeDeadline = lastByte + TimeUnit.SECONDS.toNanos(60);
        while ((bodies.stillOpen() > 0 || loris.stillOpen() > 0) && System.nanoTime() < closeDeadline) {
            Thread.sleep(100);
        }
        int bodiesLeft = bodies.stillOpen();
        int lorisLeft = loris.stillOpen();
        double closedAfter = (Math.max(bodies.lastClosedAt(), loris.lastClosedAt()) - lastByte) / 1e9;
        bodies.close();
        loris.close();
        boolean healthyAfter;
        try {
            health.call();
            healthyAfter = true;
        } catch (Exception e) {
            healthyAfter = false;
        }

        System.out.printf(
                "Opened %d slow-body and %d slowloris connections in %.1f s (%d and %d not accepted); "
                        + "after %d s of one byte every 2 s on each, %d and %d were still open.%n%n",
                bodies.size(),
                loris.size(),
                openSeconds,
                bodies.refused(),
                loris.refused(),
                seconds,
                bodiesHeld,
                lorisHeld);
        System.out.println("| phase | probe | calls | failed | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        baseline.print("idle");
        held.print("%d slow-body + %d slowloris held".formatted(bodies.size(), loris.size()));
        System.out.printf(
                "%nOnce the clients stopped sending, the server closed them all %.1f s after their last byte "
                        + "(%d slow-body and %d slowloris still open after 60 s); healthy afterwards: %s.%n",
                closedAfter, bodiesLeft, lorisLeft, healthyAfter);
        kinesis.deleteStream(r -> r.streamName(stream));
        System.exit(healthyAfter && bodiesLeft + lorisLeft == 0 ? 0 : 1);
    }

    @FunctionalInterface
    interface Probe {
        void call() throws Exception;
    }

    /** Health and PutRecords timed one after the other, every 100 ms, for a while. */
    record Probes(Map<String, List<Long>> latencies, Map<String, Integer> failures) {

        static Probes run(Probe health, Probe putRecords, int seconds) throws InterruptedException {
            Map<String, Probe> probes = new java.util.LinkedHashMap<>();
            probes.put("health", health);
            probes.put("PutRecords", putRecords);
            Map<String, List<Long>> latencies = probes.keySet().stream()
                    .collect(Collectors.toMap(
                            Function.identity(), k -> new ArrayList<>(), (a, b) -> a, java.util.LinkedHashMap::new));
            Map<String, Integer> failures = new java.util.HashMap<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                for (var probe : probes.entrySet()) {
                    long start = System.nanoTime();
                    try {
                        probe.getValue().call();
                    } catch (Exception e) {
                        failures.merge(probe.getKey(), 1, Integer::sum);
                    }
                    latencies.get(probe.getKey()).add((System.nanoTime() - start) / 1_000_000);
                }
                Thread.sleep(100);
            }
            return new Probes(latencies, failures);
        }

        void print(String phase) {
            latencies.forEach((probe, millis) -> {
                List<Long> sorted = new ArrayList<>(millis);
                Collections.sort(sorted);
                System.out.printf(
                        "| %s | %s | %d | %d | %d | %d | %d |%n",
                        phase,
                        probe,
                        sorted.size(),
                        failures.getOrDefault(probe, 0),
                        percentile(sorted, 0.50),
                        percentile(sorted, 0.99),
                        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
            });
        }

        private static long percentile(List<Long> sorted, double p) {
            return sorted.isEmpty()
                    ? 0
                    : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
        }
    }
}
