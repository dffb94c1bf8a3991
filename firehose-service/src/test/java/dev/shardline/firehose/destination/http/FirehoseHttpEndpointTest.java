package dev.shardline.firehose.destination.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.ContentEncoding;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationDescription;
import software.amazon.awssdk.services.firehose.model.HttpEndpointS3BackupMode;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import tools.jackson.databind.JsonNode;

/** Delivery streams with an HTTP endpoint destination: configuration and AWS's request/response specification. */
class FirehoseHttpEndpointTest extends HttpEndpointIntegrationTest {

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
                // the URL is a secret in AWS's model (it may carry a key), so it is not repeated back
                .hasMessageContaining("Value at 'httpEndpointDestinationConfiguration.endpointConfiguration"
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
}
