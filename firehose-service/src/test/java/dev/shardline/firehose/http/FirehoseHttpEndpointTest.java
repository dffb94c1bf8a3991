package dev.shardline.firehose.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ContentEncoding;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationDescription;
import software.amazon.awssdk.services.firehose.model.HttpEndpointS3BackupMode;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/** Delivery streams with an HTTP endpoint destination, driven by the AWS SDK against a real HTTP server. */
class FirehoseHttpEndpointTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String FAILED_PREFIX = "errors/http-endpoint-failed/";

    private FirehoseClient firehose;
    private TestEndpoint endpoint;

    @BeforeEach
    void setUp() {
        firehose = firehose();
        endpoint = new TestEndpoint();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void aStreamIsDescribedWithAwsDefaultsAndWithoutItsAccessKey() {
        String name = uniqueName("http");
        String bucket = newBucket();
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .httpEndpointDestinationConfiguration(h -> valid(h, bucket, endpoint.url())
                        .endpointConfiguration(
                                e -> e.url(endpoint.url()).name("collector").accessKey("secret-key"))));
        awaitActive(firehose, name);

        HttpEndpointDestinationDescription http = firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                .deliveryStreamDescription()
                .destinations()
                .get(0)
                .httpEndpointDestinationDescription();
        assertThat(http.endpointConfiguration().url()).isEqualTo(endpoint.url());
        assertThat(http.endpointConfiguration().name()).isEqualTo("collector");
        assertThat(http.bufferingHints().sizeInMBs()).isEqualTo(5);
        assertThat(http.bufferingHints().intervalInSeconds()).isEqualTo(300);
        assertThat(http.retryOptions().durationInSeconds()).isEqualTo(300);
        assertThat(http.s3BackupMode()).isEqualTo(HttpEndpointS3BackupMode.FAILED_DATA_ONLY);
        assertThat(http.requestConfiguration().contentEncoding()).isEqualTo(ContentEncoding.NONE);
        assertThat(http.s3DestinationDescription().bucketARN()).startsWith("arn:aws:s3:::bucket-");
        assertThat(http.roleARN()).isEqualTo(ROLE);
        assertThat(http.toString()).doesNotContain("secret-key");
    }

    @Test
    void invalidConfigurationsAreRefusedWithAwsWording() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName(uniqueName("http"))
                        .httpEndpointDestinationConfiguration(h -> h.endpointConfiguration(e -> e.url("ftp://x"))
                                .bufferingHints(b -> b.sizeInMBs(65).intervalInSeconds(60))
                                .retryOptions(o -> o.durationInSeconds(7201)))))
                .isInstanceOf(FirehoseException.class)
                .satisfies(e -> assertThat(
                                ((FirehoseException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("4 validation errors detected")
                .hasMessageContaining("Value 'ftp://x' at 'httpEndpointDestinationConfiguration.endpointConfiguration"
                        + ".url' failed to satisfy constraint: Member must satisfy regular expression pattern")
                .hasMessageContaining("Value '65' at 'httpEndpointDestinationConfiguration.bufferingHints.sizeInMBs' "
                        + "failed to satisfy constraint: Member must have value less than or equal to 64")
                .hasMessageContaining("Value '7201' at 'httpEndpointDestinationConfiguration.retryOptions."
                        + "durationInSeconds' failed to satisfy constraint: Member must have value less than or "
                        + "equal to 7200")
                .hasMessageContaining("Value null at 'httpEndpointDestinationConfiguration.s3Configuration' failed "
                        + "to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName(uniqueName("http"))
                        .httpEndpointDestinationConfiguration(
                                h -> valid(h, "b", endpoint.url()).bufferingHints(b -> b.sizeInMBs(1)))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("SizeInMBs and IntervalInSeconds must be specified together");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName(uniqueName("http"))
                        .httpEndpointDestinationConfiguration(h -> valid(h, "b", endpoint.url()))
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Exactly one destination configuration must be supplied.");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName(uniqueName("http"))
                        .httpEndpointDestinationConfiguration(h -> valid(h, "b", endpoint.url())
                                .requestConfiguration(q -> q.commonAttributes(
                                        a -> a.attributeName("env").attributeValue("a"),
                                        a -> a.attributeName("env").attributeValue("b"))))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Duplicate CommonAttributes names: [env]");
    }

    @Test
    void recordsArePostedWithTheHeadersAndBodyOfTheSpecification() {
        String name = create(
                newBucket(),
                endpoint.url(),
                h -> h.endpointConfiguration(
                                e -> e.url(endpoint.url()).name("collector").accessKey("my-access-key"))
                        .requestConfiguration(q -> q.commonAttributes(
                                a -> a.attributeName("team").attributeValue("data"),
                                a -> a.attributeName("env").attributeValue("test"))));
        long before = System.currentTimeMillis();

        put(name, List.of("one", "two", "three"));

        TestEndpoint.Received request = await().atMost(Duration.ofSeconds(30))
                .until(() -> endpoint.received(), r -> !r.isEmpty())
                .get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Content-Encoding")).isNull();
        assertThat(request.header("X-Amz-Firehose-Protocol-Version")).isEqualTo("1.0");
        assertThat(UUID.fromString(request.requestId())).isNotNull();
        assertThat(request.header("X-Amz-Firehose-Source-Arn"))
                .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + name);
        assertThat(request.header("X-Amz-Firehose-Access-Key")).isEqualTo("my-access-key");
        JsonNode attributes = TestEndpoint.JSON.readTree(request.header("X-Amz-Firehose-Common-Attributes"));
        assertThat(attributes.get("commonAttributes").get("team").stringValue()).isEqualTo("data");
        assertThat(attributes.get("commonAttributes").get("env").stringValue()).isEqualTo("test");
        assertThat(attributes.propertyNames()).containsExactly("commonAttributes");
        assertThat(request.body().get("requestId").stringValue()).isEqualTo(request.requestId());
        assertThat(request.body().get("timestamp").longValue()).isBetween(before - 1_000, System.currentTimeMillis());
        assertThat(request.body().propertyNames()).containsExactlyInAnyOrder("requestId", "timestamp", "records");
        assertThat(request.records()).containsExactly("one", "two", "three");
        assertThat(endpoint.received()).hasSize(1);
    }

    @Test
    void gzipContentEncodingCompressesTheRequestBody() {
        String name = create(
                newBucket(), endpoint.url(), h -> h.requestConfiguration(q -> q.contentEncoding(ContentEncoding.GZIP)));

        put(name, List.of("compressed-" + "x".repeat(1000)));

        TestEndpoint.Received request = await().atMost(Duration.ofSeconds(30))
                .until(() -> endpoint.received(), r -> !r.isEmpty())
                .get(0);
        assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.rawBody()).startsWith(0x1f, 0x8b); // the GZIP magic number
        assertThat(request.rawBody().length).isLessThan(1000);
        assertThat(request.records()).containsExactly("compressed-" + "x".repeat(1000));
    }

    @Test
    void aMismatchedRequestIdIsRetriedWithTheSameRequestId() {
        endpoint.answering((n, request) -> n < 2
                ? TestEndpoint.Answer.json(200, "{\"requestId\":\"someone-else\",\"timestamp\":1}")
                : TestEndpoint.Answer.ok(request));
        String bucket = newBucket();
        String name = create(bucket, endpoint.url(), h -> {});

        put(name, List.of("a", "b"));

        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.received().size() >= 3);
        List<TestEndpoint.Received> received = endpoint.received();
        assertThat(received)
                .extracting(TestEndpoint.Received::requestId)
                .containsOnly(received.get(0).requestId());
        assertThat(received).allSatisfy(r -> assertThat(r.records()).containsExactly("a", "b"));
        // Delivered on the third attempt: nothing more is sent and nothing goes to the backup.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> endpoint.received().size() == 3);
        assertThat(objects(bucket)).isEmpty();
    }

    @Test
    void answersOutsideTheSpecificationAreFailuresAndRetried() {
        List<TestEndpoint.Responder> wrong = List.of(
                (n, r) -> new TestEndpoint.Answer(200, "text/plain", "OK"),
                (n, r) -> TestEndpoint.Answer.json(200, "not json"),
                (n, r) ->
                        new TestEndpoint.Answer(200, null, "{\"requestId\":\"" + r.requestId() + "\",\"timestamp\":1}"),
                (n, r) -> TestEndpoint.Answer.json(200, "{\"requestId\":\"" + r.requestId() + "\"}"),
                (n, r) -> TestEndpoint.Answer.json(
                        200, "{\"requestId\":\"" + r.requestId() + "\",\"timestamp\":\"yesterday\"}"),
                (n, r) -> TestEndpoint.Answer.json(204, ""));
        endpoint.answering(
                (n, request) -> n < wrong.size() ? wrong.get(n).answer(n, request) : TestEndpoint.Answer.ok(request));
        String bucket = newBucket();
        String name = create(bucket, endpoint.url(), h -> {});

        put(name, List.of("only"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> endpoint.acknowledgedRecords().size() == 1);
        List<TestEndpoint.Received> received = endpoint.received();
        assertThat(received).hasSize(wrong.size() + 1);
        assertThat(received)
                .extracting(TestEndpoint.Received::requestId)
                .containsOnly(received.get(0).requestId());
        assertThat(objects(bucket)).isEmpty();
    }

    @Test
    void anEndpointFailingForAWhileGetsEveryRecordAtLeastOnceUnderStableRequestIds() {
        endpoint.answering((n, request) -> n < 6
                ? TestEndpoint.Answer.json(500, "{\"errorMessage\":\"overloaded\"}")
                : TestEndpoint.Answer.ok(request));
        String bucket = newBucket();
        String name = create(bucket, endpoint.url(), h -> {});
        List<String> sent = new ArrayList<>();
        for (int call = 0; call < 4; call++) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add("record-" + call + "-" + i);
            }
            put(name, batch);
            sent.addAll(batch);
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> new HashSet<>(endpoint.acknowledgedRecords()).containsAll(sent));
        List<TestEndpoint.Received> received = endpoint.received();
        assertThat(received.size()).isGreaterThan(6);
        assertThat(new HashSet<>(endpoint.acknowledgedRecords())).isEqualTo(new HashSet<>(sent));
        assertThat(endpoint.acknowledgedRecords()).hasSameSizeAs(sent); // none acknowledged twice
        // Every attempt of a request carries the same id and the same records.
        Map<String, List<String>> recordsById = new HashMap<>();
        for (TestEndpoint.Received request : received) {
            List<String> first = recordsById.putIfAbsent(request.requestId(), request.records());
            if (first != null) {
                assertThat(request.records()).isEqualTo(first);
            }
        }
        assertThat(recordsById.size()).isLessThan(received.size());
        assertThat(objects(bucket)).isEmpty();
    }

    @Test
    void aLongRetryHandsTheBatchBackAndResumesWithoutResendingDeliveredRequests() {
        Map<String, Long> firstSeen = new java.util.concurrent.ConcurrentHashMap<>();
        // The batch's second request fails for 2.5 s: longer than one delivery may block (max-blocking 1s here).
        endpoint.answering((n, request) -> {
            long first = firstSeen.computeIfAbsent(request.requestId(), id -> System.currentTimeMillis());
            boolean second = request.records().get(0).startsWith("10-");
            return second && System.currentTimeMillis() - first < 2_500
                    ? TestEndpoint.Answer.json(503, "{}")
                    : TestEndpoint.Answer.ok(request);
        });
        String bucket = newBucket();
        String name = create(
                bucket,
                endpoint.url(),
                h -> h.bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(60))
                        .retryOptions(o -> o.durationInSeconds(60)));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            sent.add(i + "-" + "z".repeat(100 * 1024));
        }

        put(name, sent.subList(0, 6));
        put(name, sent.subList(6, 11));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> endpoint.acknowledgedRecords().size() >= sent.size());
        assertThat(endpoint.acknowledgedRecords()).containsExactlyInAnyOrderElementsOf(sent);
        List<TestEndpoint.Received> received = endpoint.received();
        Map<String, Long> attempts = received.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        TestEndpoint.Received::requestId, java.util.stream.Collectors.counting()));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(received.get(0).requestId())).isEqualTo(1); // delivered once, not sent again
        assertThat(received.size()).isGreaterThan(4);
        assertThat(objects(bucket)).isEmpty();
    }

    @Test
    void anEndpointDownPastTheRetryDurationLeavesEveryRecordInTheS3Backup() throws IOException {
        String down = "http://127.0.0.1:" + freePort() + "/";
        String bucket = newBucket();
        String name = create(bucket, down, h -> h.retryOptions(o -> o.durationInSeconds(1)));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add("lost-" + i);
        }
        Instant before = Instant.now();

        put(name, sent);

        List<JsonNode> lines =
                await().atMost(Duration.ofSeconds(60)).until(() -> failedLines(bucket), l -> l.size() >= sent.size());
        assertThat(lines).hasSameSizeAs(sent);
        assertThat(lines.stream().map(FirehoseHttpEndpointTest::rawData)).containsExactlyInAnyOrderElementsOf(sent);
        for (JsonNode line : lines) {
            assertThat(line.propertyNames())
                    .containsExactly(
                            "attemptsMade",
                            "arrivalTimestamp",
                            "errorCode",
                            "errorMessage",
                            "attemptEndingTimestamp",
                            "rawData");
            assertThat(line.get("attemptsMade").intValue()).isGreaterThan(1);
            assertThat(line.get("errorCode").stringValue()).isEqualTo("HttpEndpoint.ConnectionFailed");
            assertThat(line.get("errorMessage").stringValue()).contains("127.0.0.1");
            assertThat(line.get("arrivalTimestamp").longValue()).isGreaterThanOrEqualTo(before.toEpochMilli() - 1000);
            assertThat(line.get("attemptEndingTimestamp").longValue())
                    .isGreaterThanOrEqualTo(line.get("arrivalTimestamp").longValue() + 1000);
        }
        String hour = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/")
                .withZone(ZoneOffset.UTC)
                .format(before);
        assertThat(objects(bucket))
                .extracting(S3Object::key)
                .allSatisfy(key -> assertThat(key).startsWith(FAILED_PREFIX + hour + name + "-1-"));
    }

    @Test
    void aBatchBackedUpAfterFailureIsCommittedAndLaterRecordsAreDeliveredAlone() {
        endpoint.answering((n, request) -> n == 0
                ? TestEndpoint.Answer.json(503, "{\"errorMessage\":\"maintenance\"}")
                : TestEndpoint.Answer.ok(request));
        String bucket = newBucket();
        String name = create(bucket, endpoint.url(), h -> h.retryOptions(o -> o.durationInSeconds(0)));

        put(name, List.of("early-1", "early-2"));
        List<JsonNode> lines =
                await().atMost(Duration.ofSeconds(30)).until(() -> failedLines(bucket), l -> l.size() >= 2);
        // A retry duration of 0: one attempt, then the backup.
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("attemptsMade").intValue()).isEqualTo(1);
            assertThat(line.get("errorCode").stringValue()).isEqualTo("HttpEndpoint.DestinationException");
            assertThat(line.get("errorMessage").stringValue())
                    .isEqualTo("The following response was received from the endpoint destination. 503: "
                            + "{\"errorMessage\":\"maintenance\"}");
        });

        put(name, List.of("late"));
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.received().size() >= 2);
        assertThat(endpoint.received()).hasSize(2);
        assertThat(endpoint.received().get(1).records()).containsExactly("late");
        assertThat(failedLines(bucket)).hasSize(2);
    }

    @Test
    void aRequestTooLargeForTheEndpointGoesToTheBackupWithoutARetry() {
        endpoint.answering((n, request) -> TestEndpoint.Answer.json(413, "{\"errorMessage\":\"Payload too large\"}"));
        String bucket = newBucket();
        String name = create(bucket, endpoint.url(), h -> h.retryOptions(o -> o.durationInSeconds(600)));
        List<String> sent = List.of("big-1", "big-2", "big-3");

        put(name, sent);

        List<JsonNode> lines =
                await().atMost(Duration.ofSeconds(30)).until(() -> failedLines(bucket), l -> l.size() >= sent.size());
        assertThat(lines.stream().map(FirehoseHttpEndpointTest::rawData)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("attemptsMade").intValue()).isEqualTo(1);
            assertThat(line.get("errorMessage").stringValue())
                    .contains("413: {\"errorMessage\":\"Payload too large\"}");
        });
        assertThat(endpoint.received()).hasSize(1);
    }

    @Test
    void allDataAlsoWritesEverySourceRecordToTheS3Bucket() {
        String bucket = newBucket();
        String name = create(
                bucket,
                endpoint.url(),
                h -> h.s3BackupMode(HttpEndpointS3BackupMode.ALL_DATA)
                        .s3Configuration(s -> s.roleARN(ROLE)
                                .bucketARN("arn:aws:s3:::" + bucket)
                                .prefix("copy/")
                                .errorOutputPrefix("errors/")));
        List<String> sent = List.of("a\n", "b\n", "c\n");

        put(name, sent);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !objects(bucket).isEmpty() && !endpoint.received().isEmpty());
        assertThat(endpoint.records()).containsExactlyElementsOf(sent);
        List<S3Object> copies = objects(bucket);
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).key()).startsWith("copy/").contains("/" + name + "-1-");
        assertThat(new String(read(bucket, copies.get(0).key()), StandardCharsets.UTF_8))
                .isEqualTo("a\nb\nc\n");
    }

    @Test
    void aBatchIsSplitIntoRequestsOfAtMostTheBufferingSize() {
        String name = create(
                newBucket(),
                endpoint.url(),
                h -> h.bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(60)));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            sent.add(i + "-" + "y".repeat(100 * 1024));
        }

        // 11 records of 100 KiB pass the 1 MiB size hint: one batch, more data than one request may carry.
        put(name, sent.subList(0, 6));
        put(name, sent.subList(6, 11));

        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.records().size() >= sent.size());
        assertThat(endpoint.records()).containsExactlyElementsOf(sent);
        assertThat(endpoint.received()).hasSize(2);
        assertThat(endpoint.received())
                .allSatisfy(request -> assertThat(request.records().stream()
                                .mapToLong(r -> r.getBytes(StandardCharsets.UTF_8).length)
                                .sum())
                        .isLessThanOrEqualTo(1024 * 1024));
        assertThat(endpoint.received().get(0).requestId())
                .isNotEqualTo(endpoint.received().get(1).requestId());
    }

    private String create(String bucket, String url, Consumer<HttpEndpointDestinationConfiguration.Builder> more) {
        String name = uniqueName("http");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name).httpEndpointDestinationConfiguration(h -> {
            valid(h, bucket, url).bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(1));
            more.accept(h);
        }));
        awaitActive(firehose, name);
        return name;
    }

    private static HttpEndpointDestinationConfiguration.Builder valid(
            HttpEndpointDestinationConfiguration.Builder h, String bucket, String url) {
        return h.endpointConfiguration(e -> e.url(url))
                .roleARN(ROLE)
                .s3Configuration(
                        s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket).errorOutputPrefix("errors/"));
    }

    private void put(String name, List<String> records) {
        PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(records.stream()
                        .map(data -> Record.builder()
                                .data(SdkBytes.fromUtf8String(data))
                                .build())
                        .toList()));
        assertThat(response.failedPutCount()).isZero();
    }

    private List<JsonNode> failedLines(String bucket) {
        List<JsonNode> lines = new ArrayList<>();
        for (S3Object object : objects(bucket)) {
            if (object.key().startsWith(FAILED_PREFIX)) {
                new String(read(bucket, object.key()), StandardCharsets.UTF_8)
                        .lines()
                        .forEach(line -> lines.add(TestEndpoint.JSON.readTree(line)));
            }
        }
        return lines;
    }

    private static String rawData(JsonNode line) {
        return new String(Base64.getDecoder().decode(line.get("rawData").stringValue()), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
