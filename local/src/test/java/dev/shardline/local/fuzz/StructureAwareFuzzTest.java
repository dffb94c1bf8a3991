package dev.shardline.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.local.LocalApplication;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Structure-aware fuzzing of the all-in-one runtime: every action of every AWS service model Shardline ships (Kinesis
 * in JSON and CBOR, Firehose, Managed Flink, Kinesis Video Streams) and every {@code /v1} operation of its OpenAPI
 * document, each request valid-shaped and then mutated. The rules: no 5xx, no hang, every 4xx in its API's shape,
 * nothing acknowledged lost (a producer writes beside the fuzzer), no leaked threads or file descriptors, and the
 * service healthy afterwards.
 *
 * <p>System properties: {@code shardline.fuzz.seed} (default fixed, so CI runs the same cases),
 * {@code shardline.fuzz.count}, {@code shardline.fuzz.seconds} (a time budget, whichever ends first),
 * {@code shardline.fuzz.clients}, {@code shardline.fuzz.case} (send only that case of the seed: a replay),
 * {@code shardline.fuzz.report} (a file for the markdown counts), {@code shardline.fuzz.deadline-seconds} (per call),
 * and {@code shardline.fuzz.endpoint} with {@code shardline.fuzz.pid} to fuzz a runtime launched elsewhere and watch
 * its process instead of starting one in this JVM: {@code bench/fuzz.sh} runs it so, for longer.
 */
class StructureAwareFuzzTest {

    private static final Logger log = LoggerFactory.getLogger(StructureAwareFuzzTest.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=000000000000/20261203/us-east-1/%s/aws4_request, "
            + "SignedHeaders=host, Signature=0";
    private static final String LEDGER = "ledger-never-fuzzed";
    private static final String ROLE = "arn:aws:iam::000000000000:role/fuzz";

    private static ConfigurableApplicationContext app;
    private static URI endpoint;
    private static KinesisClient kinesis;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final Resources resources = new Resources();

    @BeforeAll
    static void startShardline() throws Exception {
        String external = System.getProperty("shardline.fuzz.endpoint");
        if (external != null) {
            // bench/fuzz.sh: a runtime launched as users launch it
            endpoint = URI.create(external);
        } else {
            app = LocalApplication.application()
                    .run(
                            "--server.port=0",
                            "--shardline.data-dir=" + Files.createTempDirectory("shardline-fuzz"),
                            "--shardline.s3.port=" + freePort(),
                            "--logging.level.dev.shardline=WARN",
                            "--logging.level.dev.shardline.local.fuzz=INFO",
                            "--logging.level.org.apache.kafka=WARN");
            endpoint = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
        }
        kinesis = KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("000000000000", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        createResources();
    }

    @AfterAll
    static void stopShardline() {
        if (kinesis != null) {
            kinesis.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void mutatedRequestsToEveryOperationGetNo5xxNoHangAndLoseNothing() throws Exception {
        long seed = Long.getLong("shardline.fuzz.seed", 20_261_203L);
        Long replay = Long.getLong("shardline.fuzz.case");
        long count = replay != null ? 1 : Long.getLong("shardline.fuzz.count", 4_000L);
        Duration budget = Duration.ofSeconds(Long.getLong("shardline.fuzz.seconds", 90L));
        Duration deadline = Duration.ofSeconds(Long.getLong("shardline.fuzz.deadline-seconds", 20L));
        int clients = Integer.getInteger("shardline.fuzz.clients", 4);
        List<Operation> operations = operations();
        log.info("fuzz: seed {}, {} operations, up to {} requests in {}", seed, operations.size(), count, budget);

        int threadsBefore = threads();
        long descriptorsBefore = descriptors();
        ExecutorService clientExecutor = Executors.newCachedThreadPool(Fuzzer.daemon("fuzz-http"));
        Tally tally;
        Set<String> acknowledged;
        try (Ledger ledger = new Ledger(kinesis, LEDGER)) {
            ledger.start();
            Fuzzer fuzzer = new Fuzzer(endpoint, deadline, clientExecutor);
            tally = fuzzer.run(
                    new CaseFactory(operations, resources, seed),
                    seed,
                    replay != null ? replay : 0,
                    count,
                    clients,
                    budget);
            acknowledged = ledger.stop();
            log.info("fuzz: ledger had {} records acknowledged and {} refused", acknowledged.size(), ledger.refused());
        }
        clientExecutor.shutdown();
        String report = tally.report();
        log.info("fuzz report (seed {}):\n{}", seed, report);
        String reportFile = System.getProperty("shardline.fuzz.report");
        if (reportFile != null) {
            Files.writeString(Path.of(reportFile), "seed: " + seed + "\n" + report);
        }

        if (replay == null && tally.requests() >= 10L * operations.size()) {
            assertThat(tally.operations()).as("operations reached").isEqualTo(operations.size());
        }
        assertThat(get("/actuator/health").body()).contains("\"UP\"");
        assertThat(acknowledged).isNotEmpty();
        Set<String> read = new Ledger(kinesis, LEDGER).readAll();
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(read);
        log.info("fuzz: {} records acknowledged, {} read back, {} lost", acknowledged.size(), read.size(), lost.size());
        assertThat(lost).as("acknowledged records not read back").isEmpty();
        assertRoundTrip();
        // the server's threads and sockets settle back (keep-alive connections close after their idle timeout)
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    System.gc();
                    assertThat(threads())
                            .as("threads, %d before", threadsBefore)
                            .isLessThanOrEqualTo(threadsBefore + 30);
                    assertThat(descriptors())
                            .as("open file descriptors, %d before", descriptorsBefore)
                            .isLessThanOrEqualTo(descriptorsBefore + 64);
                });
        log.info(
                "fuzz: threads {} -> {}, file descriptors {} -> {}",
                threadsBefore,
                threads(),
                descriptorsBefore,
                descriptors());
        // last, so that a run with findings still shows whether it lost records or leaked
        assertThat(tally.distinctFindings()).as(report).isEmpty();
    }

    /** Every AWS operation and every /v1 operation, in a fixed order so that a seed names the same cases. */
    private static List<Operation> operations() throws Exception {
        List<Operation> operations = new ArrayList<>(Shapes.awsOperations());
        operations.addAll(OpenApi.operations(JSON.readTree(get("/v3/api-docs").body())));
        operations.sort(Comparator.comparing(Operation::label).thenComparing(Operation::method));
        return operations;
    }

    private static void assertRoundTrip() {
        PutRecordResponse put = kinesis.putRecord(
                r -> r.streamName(LEDGER).partitionKey("after").data(SdkBytes.fromUtf8String("after the fuzz")));
        String iterator = kinesis.getShardIterator(r -> r.streamName(LEDGER)
                        .shardId(put.shardId())
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .startingSequenceNumber(put.sequenceNumber()))
                .shardIterator();
        assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records())
                .first()
                .satisfies(record -> assertThat(record.data().asUtf8String()).isEqualTo("after the fuzz"));
    }

    /** Real resources for generated requests to name: a stream with a consumer, a delivery stream, an application. */
    private static void createResources() throws Exception {
        for (String stream : List.of(LEDGER, "fuzz-stream")) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(2));
        }
        for (String stream : List.of(LEDGER, "fuzz-stream")) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> kinesis.describeStreamSummary(r -> r.streamName(stream))
                                    .streamDescriptionSummary()
                                    .streamStatus()
                            == StreamStatus.ACTIVE);
        }
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName("fuzz-stream"))
                .streamDescriptionSummary()
                .streamARN();
        PutRecordResponse put = kinesis.putRecord(
                r -> r.streamName("fuzz-stream").partitionKey("k").data(SdkBytes.fromUtf8String("seed record")));
        String iterator = kinesis.getShardIterator(r -> r.streamName("fuzz-stream")
                        .shardId(put.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        String consumerArn = kinesis.registerStreamConsumer(
                        r -> r.streamARN(streamArn).consumerName("fuzz-consumer"))
                .consumer()
                .consumerARN();
        resources.add("Kinesis", "StreamName", "fuzz-stream");
        resources.add("Kinesis", "StreamARN", streamArn);
        resources.add("Kinesis", "ResourceARN", streamArn);
        resources.add("Kinesis", "ShardId", put.shardId());
        resources.add("Kinesis", "ShardToMerge", "shardId-000000000000");
        resources.add("Kinesis", "AdjacentShardToMerge", "shardId-000000000001");
        resources.add("Kinesis", "ShardToSplit", put.shardId());
        for (String member : List.of(
                "SequenceNumber", "StartingSequenceNumber", "SequenceNumberForOrdering", "ExclusiveStartShardId")) {
            resources.add(
                    "Kinesis", member, "ExclusiveStartShardId".equals(member) ? put.shardId() : put.sequenceNumber());
        }
        resources.add("Kinesis", "ShardIterator", iterator);
        resources.add("Kinesis", "ConsumerName", "fuzz-consumer");
        resources.add("Kinesis", "ConsumerARN", consumerArn);

        aws("Firehose_20150804.CreateDeliveryStream", "firehose", """
                {"DeliveryStreamName":"fuzz-delivery","DeliveryStreamType":"DirectPut",
                 "ExtendedS3DestinationConfiguration":{"RoleARN":"%s","BucketARN":"arn:aws:s3:::fuzz-bucket",
                 "BufferingHints":{"IntervalInSeconds":60,"SizeInMBs":1}}}""".formatted(ROLE));
        resources.add("Firehose", "DeliveryStreamName", "fuzz-delivery");
        resources.add(
                "Firehose",
                "DeliveryStreamARN",
                "arn:aws:firehose:us-east-1:000000000000:deliverystream/fuzz-delivery");
        resources.add(
                "Firehose", "ResourceARN", "arn:aws:firehose:us-east-1:000000000000:deliverystream/fuzz-delivery");

        aws("KinesisAnalytics_20180523.CreateApplication", "kinesisanalytics", """
                {"ApplicationName":"fuzz-app","RuntimeEnvironment":"SQL-1_0","ServiceExecutionRole":"%s"}""".formatted(ROLE));
        resources.add("Kinesis Analytics V2", "ApplicationName", "fuzz-app");
        resources.add(
                "Kinesis Analytics V2",
                "ResourceARN",
                "arn:aws:kinesisanalytics:us-east-1:000000000000:application/fuzz-app");

        JsonNode video = JSON.readTree(post(
                        "/createStream",
                        null,
                        "kinesisvideo",
                        "{\"StreamName\":\"fuzz-video\",\"DataRetentionInHours\":1}")
                .body());
        for (String service : List.of("Kinesis Video", "Kinesis Video Archived Media", "Kinesis Video Media")) {
            resources.add(service, "StreamName", "fuzz-video");
            if (video.has("StreamARN")) {
                resources.add(service, "StreamARN", video.get("StreamARN").asString());
                resources.add(service, "ResourceARN", video.get("StreamARN").asString());
            }
        }
    }

    private static void aws(String target, String scope, String body) throws Exception {
        HttpResponse<String> response = post("/", target, scope, body);
        log.info("fuzz setup {}: {} {}", target, response.statusCode(), response.body());
    }

    private static HttpResponse<String> post(String path, String target, String scope, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Authorization", SIGNED.formatted(scope))
                .header("Content-Type", target == null ? "application/json" : "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The server's threads: this JVM's, or those of the launched runtime's process. */
    private static int threads() throws IOException {
        String pid = System.getProperty("shardline.fuzz.pid");
        if (pid == null) {
            return ManagementFactory.getThreadMXBean().getThreadCount();
        }
        return Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                .filter(line -> line.startsWith("Threads:"))
                .mapToInt(line ->
                        Integer.parseInt(line.substring("Threads:".length()).trim()))
                .findFirst()
                .orElseThrow();
    }

    private static long descriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", System.getProperty("shardline.fuzz.pid", "self"), "fd"))) {
            return fds.count();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
