package dev.shardline.streams.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.streams.StreamsIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
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

/**
 * A KCL 3.1.0 application written as people write one, its Kinesis, DynamoDB and CloudWatch clients all pointed at
 * Shardline and nothing else: it takes the leases, reads every shard from TRIM_HORIZON, processes every record in order
 * per partition key and checkpoints — with enhanced fan-out (the KCL's default) and with polling.
 */
class KclApplicationTest extends StreamsIntegrationTest {

    private static final int KEYS = 4;
    private static final int PER_KEY = 15;

    @ParameterizedTest
    @ValueSource(strings = {"fan-out", "polling"})
    void aKclWorkerProcessesEveryRecordInOrderPerKeyAndCheckpoints(String retrieval) throws Exception {
        KinesisClient kinesis = kinesis(false);
        String stream = activeStream(kinesis, 2);
        List<String> put = new ArrayList<>();
        putRound(kinesis, stream, 0, PER_KEY, put);

        Map<String, List<Integer>> processed = new ConcurrentHashMap<>();
        List<String> checkpointed = new CopyOnWriteArrayList<>();
        String application = "kcl-" + UUID.randomUUID().toString().substring(0, 8);
        Worker worker = worker(stream, application, "worker-1", retrieval, processed, checkpointed);
        DynamoDbAsyncClient dynamo = worker.dynamo();
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            processed.values().stream().mapToInt(List::size).sum() >= put.size());
            for (int k = 0; k < KEYS; k++) {
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < PER_KEY; i++) {
                    expected.add(i);
                }
                assertThat(processed.get("key-" + k)).as("key-" + k).containsExactlyElementsOf(expected);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !checkpointed.isEmpty());
        } finally {
            worker.scheduler().startGracefulShutdown().get(60, TimeUnit.SECONDS);
            worker.thread().join(30_000);
        }
        // the leases and their checkpoints are in the lease store, where the KCL put them
        assertThat(dynamo.scan(r -> r.tableName(application)).get().items())
                .hasSize(2)
                .anySatisfy(lease -> assertThat(lease.get("checkpoint").s()).matches("\\d+"));
    }

    @Test
    void twoWorkersShareTheLeasesTheSurvivorTakesOverAndFollowsASplit() throws Exception {
        KinesisClient kinesis = kinesis(false);
        String stream = activeStream(kinesis, 4);
        String application = "kcl-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<Integer>> processed = new ConcurrentHashMap<>();
        List<String> put = new CopyOnWriteArrayList<>();
        putRound(kinesis, stream, 0, 10, put);

        Worker first = worker(stream, application, "worker-1", "polling", processed, new CopyOnWriteArrayList<>());
        Worker second = worker(stream, application, "worker-2", "polling", processed, new CopyOnWriteArrayList<>());
        DynamoDbAsyncClient dynamo = first.dynamo();
        try {
            // both hold leases: the KCL's lease assignment balances four shards over the two workers
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> owners(dynamo, application).size() == 2);
            awaitProcessed(processed, put);

            // one worker dies without a word (no graceful shutdown, no lease released); the other takes its leases
            first.scheduler().shutdown();
            putRound(kinesis, stream, 10, 10, put);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> owners(dynamo, application).equals(java.util.Set.of("worker-2")));
            awaitProcessed(processed, put);

            // a split while it runs: the children are read after their parent, so each key stays in order
            kinesis.splitShard(r -> r.streamName(stream)
                    .shardToSplit("shardId-000000000000")
                    .newStartingHashKey("42535295865117307932921825928971026432"));
            awaitActive(kinesis, stream);
            putRound(kinesis, stream, 20, 10, put);
            awaitProcessed(processed, put);
        } finally {
            second.scheduler().startGracefulShutdown().get(60, TimeUnit.SECONDS);
            first.thread().join(30_000);
            second.thread().join(30_000);
        }
        // every record at least once, and per key in order: a record seen again after a takeover (from the last
        // checkpoint) repeats what was already seen, it never jumps back past it
        for (int k = 0; k < KEYS; k++) {
            List<Integer> firstSeen =
                    processed.get("key-" + k).stream().distinct().toList();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                expected.add(i);
            }
            assertThat(firstSeen).as("key-" + k).containsExactlyElementsOf(expected);
        }
    }

    /** Puts {@code count} records for each key, numbered from {@code from}. */
    private static void putRound(KinesisClient kinesis, String stream, int from, int count, List<String> put) {
        for (int i = from; i < from + count; i++) {
            for (int k = 0; k < KEYS; k++) {
                String key = "key-" + k;
                String value = key + ":" + i;
                kinesis.putRecord(r -> r.streamName(stream)
                        .partitionKey(key)
                        .data(SdkBytes.fromString(value, StandardCharsets.UTF_8)));
                put.add(value);
            }
        }
    }

    private static void awaitProcessed(Map<String, List<Integer>> processed, List<String> put) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> put.stream().allMatch(value -> {
                    String key = value.substring(0, value.indexOf(':'));
                    int index = Integer.parseInt(value.substring(value.indexOf(':') + 1));
                    List<Integer> seen = processed.get(key);
                    return seen != null && seen.contains(index);
                }));
    }

    /** The workers that own a lease of the application now. */
    private static java.util.Set<String> owners(DynamoDbAsyncClient dynamo, String application) throws Exception {
        return dynamo.scan(r -> r.tableName(application)).get().items().stream()
                .filter(lease -> lease.containsKey("leaseOwner")
                        && lease.get("leaseKey").s().startsWith("shardId"))
                .filter(lease -> !"SHARD_END".equals(lease.get("checkpoint").s()))
                .map(lease -> lease.get("leaseOwner").s())
                .collect(java.util.stream.Collectors.toSet());
    }

    private record Worker(Scheduler scheduler, Thread thread, DynamoDbAsyncClient dynamo) {}

    /** A KCL worker of {@code application} on its own clients, started on a thread of its own. */
    private Worker worker(
            String stream,
            String application,
            String id,
            String retrieval,
            Map<String, List<Integer>> processed,
            List<String> checkpointed) {
        KinesisAsyncClient kinesisAsync = KinesisAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .build();
        DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .build();
        CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .build();
        ConfigsBuilder configs = new ConfigsBuilder(
                new SingleStreamTracker(
                        stream,
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                application,
                kinesisAsync,
                dynamo,
                cloudWatch,
                id,
                () -> new Recorder(processed, checkpointed));
        var retrievalConfig = configs.retrievalConfig();
        if (retrieval.equals("polling")) {
            retrievalConfig.retrievalSpecificConfig(new PollingConfig(stream, kinesisAsync));
        }
        Scheduler scheduler = new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig(),
                configs.leaseManagementConfig(),
                configs.lifecycleConfig(),
                configs.metricsConfig(),
                configs.processorConfig(),
                retrievalConfig);
        Thread thread = new Thread(scheduler, "kcl-" + id);
        thread.setDaemon(true);
        thread.start();
        return new Worker(scheduler, thread, dynamo);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }

    /** Records what it processes by partition key, and checkpoints after each batch, as a typical processor does. */
    private record Recorder(Map<String, List<Integer>> processed, List<String> checkpointed)
            implements ShardRecordProcessor {

        @Override
        public void initialize(InitializationInput input) {}

        @Override
        public void processRecords(ProcessRecordsInput input) {
            for (KinesisClientRecord record : input.records()) {
                String value = StandardCharsets.UTF_8.decode(record.data()).toString();
                int index = Integer.parseInt(value.substring(value.indexOf(':') + 1));
                processed
                        .computeIfAbsent(record.partitionKey(), k -> new CopyOnWriteArrayList<>())
                        .add(index);
            }
            try {
                input.checkpointer().checkpoint();
                checkpointed.add(String.valueOf(input.records().size()));
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
