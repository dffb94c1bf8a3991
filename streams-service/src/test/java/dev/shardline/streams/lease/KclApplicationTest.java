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
        for (int i = 0; i < PER_KEY; i++) {
            for (int k = 0; k < KEYS; k++) {
                String key = "key-" + k;
                String value = key + ":" + i;
                kinesis.putRecord(r -> r.streamName(stream)
                        .partitionKey(key)
                        .data(SdkBytes.fromString(value, StandardCharsets.UTF_8)));
                put.add(value);
            }
        }

        Map<String, List<Integer>> processed = new ConcurrentHashMap<>();
        List<String> checkpointed = new CopyOnWriteArrayList<>();
        String application = "kcl-" + UUID.randomUUID().toString().substring(0, 8);
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
                "worker-1",
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
        Thread worker = new Thread(scheduler, "kcl-worker");
        worker.setDaemon(true);
        worker.start();
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
            scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS);
            worker.join(30_000);
        }
        // the leases and their checkpoints are in the lease store, where the KCL put them
        assertThat(dynamo.scan(r -> r.tableName(application)).get().items())
                .hasSize(2)
                .anySatisfy(lease -> assertThat(lease.get("checkpoint").s()).matches("\\d+"));
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
