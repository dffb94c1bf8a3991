package dev.shardline.firehose.destination.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.HttpEndpointS3BackupMode;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/** HTTP endpoint destinations whose endpoint fails: retries, the S3 backup of what cannot be delivered, AllData. */
class FirehoseHttpEndpointFailureTest extends HttpEndpointIntegrationTest {

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
}
