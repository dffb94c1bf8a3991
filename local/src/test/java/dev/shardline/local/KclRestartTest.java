package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.polling.PollingConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A KCL 3.1.0 application keeps running while the all-in-one runtime under it is killed with SIGKILL and started again
 * on the same data directory and port: its checkpoints, kept in Shardline's lease store, survive, and the worker goes
 * on from them — every record put is processed, in order per key, and nothing it had checkpointed before the restart is
 * delivered again.
 */
class KclRestartTest {

    /** Long enough for a start on a machine shared by several builds (about 30 s when it is quiet). */
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private static final int KEYS = 4;
    private static final String STREAM = "orders";
    private static final String APPLICATION = "orders-app";

    @TempDir
    Path dataDir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aRunningKclWorkerResumesFromItsCheckpointsAfterShardlineIsKilledAndRestarted() throws Exception {
        int port = freePort();
        process = start(port);
        KinesisClient kinesis = kinesis(port);
        kinesis.createStream(r -> r.streamName(STREAM).shardCount(2));
        awaitActive(kinesis);
        List<String> put = new CopyOnWriteArrayList<>();
        putRound(kinesis, 0, 10, put);

        Map<String, List<Integer>> processed = new ConcurrentHashMap<>();
        List<String> startsAfterRestart = new CopyOnWriteArrayList<>();
        AtomicBoolean restarted = new AtomicBoolean();
        Scheduler scheduler = worker(port, processed, new Starts(restarted, startsAfterRestart));
        Thread thread = new Thread(scheduler, "kcl-worker-1");
        thread.setDaemon(true);
        thread.start();
        DynamoDbClient dynamo = dynamo(port);
        try {
            awaitProcessed(processed, put);
            // the worker checkpoints after each batch: wait until the lease table holds a checkpoint at the last
            // record of every shard, so everything put so far is behind a checkpoint
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> checkpoints(dynamo).size() == 2
                            && checkpoints(dynamo).values().stream().allMatch(c -> c.matches("\\d+")));
            Map<String, String> beforeRestart = checkpoints(dynamo);
            Map<String, Integer> seenBeforeRestart = counts(processed);

            process.destroyForcibly().waitFor();
            restarted.set(true);
            process = start(port);

            // the checkpoints are still in the lease store after the restart
            Map<String, String> afterRestart = checkpoints(dynamo);
            assertThat(afterRestart.keySet()).isEqualTo(beforeRestart.keySet());
            afterRestart.forEach((shard, checkpoint) -> assertThat(new BigInteger(checkpoint))
                    .as(shard)
                    .isGreaterThanOrEqualTo(new BigInteger(beforeRestart.get(shard))));

            putRound(kinesis, 10, 10, put);
            awaitProcessed(processed, put);

            // Shardline's own view of the application: both leases held by the worker, checkpointed to the end
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        JsonNode application = applicationsView(port).get(0);
                        assertThat(application.get("name").asString()).isEqualTo(APPLICATION);
                        assertThat(application.get("stream").asString()).isEqualTo(STREAM);
                        assertThat(application.get("shards")).hasSize(2).allSatisfy(shard -> {
                            assertThat(shard.get("leaseOwner").asString()).isEqualTo("worker-1");
                            assertThat(shard.get("recordsBehind").asLong()).isZero();
                        });
                    });

            // every record at least once and in order per key; what was checkpointed before the restart (all of the
            // first round) was processed exactly once: the worker went on from its checkpoints, not from TRIM_HORIZON
            for (int k = 0; k < KEYS; k++) {
                List<Integer> seen = processed.get("key-" + k);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    expected.add(i);
                }
                assertThat(seen.stream().distinct().toList()).as("key-" + k).containsExactlyElementsOf(expected);
                for (int i = 0; i < 10; i++) {
                    int index = i;
                    assertThat(seen.stream().filter(n -> n == index).count())
                            .as("key-%d record %d, checkpointed before the restart", k, i)
                            .isEqualTo(1);
                }
            }
            assertThat(seenBeforeRestart.values().stream()
                            .mapToInt(Integer::intValue)
                            .sum())
                    .isEqualTo(10 * KEYS);
            // a shard consumer that started again after the restart started at the checkpoint, not at TRIM_HORIZON
            // (the worker could not renew its leases while Shardline was down, longer than its failover time: it
            // dropped them, took them again and started both shard consumers again from the lease table)
            assertThat(startsAfterRestart)
                    .extracting(start -> start.substring(0, start.indexOf('@')))
                    .contains("shardId-000000000000", "shardId-000000000001");
            for (String start : startsAfterRestart) {
                String shard = start.substring(0, start.indexOf('@'));
                String position = start.substring(start.indexOf('@') + 1);
                assertThat(position).as(start).matches("\\d+");
                assertThat(new BigInteger(position))
                        .as(start)
                        .isGreaterThanOrEqualTo(new BigInteger(beforeRestart.get(shard)));
            }
        } finally {
            scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS);
            thread.join(30_000);
        }
    }

    /** GET /v1/streams/orders/applications, over real HTTP. */
    private static JsonNode applicationsView(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(endpoint(port) + "/v1/streams/" + STREAM + "/applications"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body()).get("applications");
    }

    /** The checkpoint of each shard lease of the application, by lease key. */
    private static Map<String, String> checkpoints(DynamoDbClient dynamo) {
        try {
            return dynamo.scan(r -> r.tableName(APPLICATION)).items().stream()
                    .filter(lease -> lease.get("leaseKey").s().startsWith("shardId"))
                    .collect(Collectors.toMap(
                            lease -> lease.get("leaseKey").s(),
                            lease -> lease.getOrDefault("checkpoint", AttributeValue.fromS(""))
                                    .s()));
        } catch (ResourceNotFoundException notYet) {
            return Map.of();
        }
    }

    private static Map<String, Integer> counts(Map<String, List<Integer>> processed) {
        Map<String, Integer> counts = new HashMap<>();
        processed.forEach((key, seen) -> counts.put(key, seen.size()));
        return counts;
    }

    private static void putRound(KinesisClient kinesis, int from, int count, List<String> put) {
        for (int i = from; i < from + count; i++) {
            for (int k = 0; k < KEYS; k++) {
                String key = "key-" + k;
                String value = key + ":" + i;
                kinesis.putRecord(r -> r.streamName(STREAM)
                        .partitionKey(key)
                        .data(SdkBytes.fromString(value, StandardCharsets.UTF_8)));
                put.add(value);
            }
        }
    }

    private static void awaitProcessed(Map<String, List<Integer>> processed, List<String> put) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> put.stream().allMatch(value -> {
                    String key = value.substring(0, value.indexOf(':'));
                    int index = Integer.parseInt(value.substring(value.indexOf(':') + 1));
                    List<Integer> seen = processed.get(key);
                    return seen != null && seen.contains(index);
                }));
    }

    private static void awaitActive(KinesisClient kinesis) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName(STREAM))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    /**
     * A polling KCL worker as people build one, with a short failover time so that leases it could not renew while
     * Shardline was down expire, are taken again and its shard consumers start again from the lease table.
     */
    private static Scheduler worker(int port, Map<String, List<Integer>> processed, Starts starts) {
        URI endpoint = endpoint(port);
        KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .build();
        ConfigsBuilder configs = new ConfigsBuilder(
                new SingleStreamTracker(
                        STREAM,
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                APPLICATION,
                kinesis,
                software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials())
                        .build(),
                CloudWatchAsyncClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials())
                        .build(),
                "worker-1",
                () -> new Recorder(processed, starts));
        return new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig(),
                configs.leaseManagementConfig().failoverTimeMillis(5_000),
                configs.lifecycleConfig(),
                configs.metricsConfig(),
                configs.processorConfig(),
                configs.retrievalConfig().retrievalSpecificConfig(new PollingConfig(STREAM, kinesis)));
    }

    private static KinesisClient kinesis(int port) {
        return KinesisClient.builder()
                .endpointOverride(endpoint(port))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    private static DynamoDbClient dynamo(int port) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint(port))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static URI endpoint(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }

    private Process start(int port) throws IOException {
        try {
            return LaunchedRuntime.start(dataDir, port, STARTUP, List.of("-Xmx512m"), "--shardline.s3.port=0");
        } catch (RuntimeException | AssertionError notStarted) {
            // the data directory goes with the test: say here why the runtime did not come up
            try (var logs = java.nio.file.Files.list(dataDir)) {
                for (Path log : logs.filter(f -> f.getFileName().toString().startsWith("server-"))
                        .sorted()
                        .toList()) {
                    List<String> lines = java.nio.file.Files.readAllLines(log);
                    System.err.println("--- last lines of " + log);
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
                }
            }
            throw notStarted;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Where shard consumers start after Shardline's restart: "shardId@position". */
    private record Starts(AtomicBoolean restarted, List<String> afterRestart) {}

    /** Records what it processes by key and where each of its shard consumers started; checkpoints every batch. */
    private record Recorder(Map<String, List<Integer>> processed, Starts starts) implements ShardRecordProcessor {

        @Override
        public void initialize(InitializationInput input) {
            if (starts.restarted().get()) {
                starts.afterRestart()
                        .add(input.shardId() + "@"
                                + input.extendedSequenceNumber().sequenceNumber());
            }
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            for (KinesisClientRecord record : input.records()) {
                String value = StandardCharsets.UTF_8.decode(record.data()).toString();
                processed
                        .computeIfAbsent(record.partitionKey(), k -> new CopyOnWriteArrayList<>())
                        .add(Integer.parseInt(value.substring(value.indexOf(':') + 1)));
            }
            try {
                input.checkpointer().checkpoint();
            } catch (InvalidStateException | ShutdownException e) {
                // the lease moved on; the next owner starts from the last checkpoint
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {}

        @Override
        public void shardEnded(ShardEndedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (InvalidStateException | ShutdownException e) {
                // as above
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (InvalidStateException | ShutdownException e) {
                // as above
            }
        }
    }
}
