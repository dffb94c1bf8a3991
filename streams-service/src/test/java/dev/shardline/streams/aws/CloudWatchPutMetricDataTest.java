package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.streams.StreamsIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * CloudWatch PutMetricData as the KCL publishes its metrics: the official SDK clients at their default settings (RPC
 * v2 CBOR, the async one over Netty), the query protocol as the AWS CLI v1 and older SDKs post it, AWS JSON 1.0 as
 * boto3 sends it; the values end up as meters, bad input gets CloudWatch's error in each protocol.
 */
class CloudWatchPutMetricDataTest extends StreamsIntegrationTest {

    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/us-east-1/monitoring/"
            + "aws4_request, SignedHeaders=host;x-amz-date, Signature=0000";

    @Autowired
    MeterRegistry registry;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CloudWatchClient cloudWatch() {
        return CloudWatchClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }

    private static String namespace() {
        return "KclApp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {samples, sum, minimum, maximum} of a series, as its meters show them. */
    private double[] series(String namespace, String metric, String dimensions) {
        String[] tags = {"namespace", namespace, "metric", metric, "dimensions", dimensions};
        return new double[] {
            registry.get("cloudwatch.metric.samples")
                    .tags(tags)
                    .functionCounter()
                    .count(),
            registry.get("cloudwatch.metric.sum").tags(tags).functionCounter().count(),
            registry.get("cloudwatch.metric.minimum").tags(tags).gauge().value(),
            registry.get("cloudwatch.metric.maximum").tags(tags).gauge().value()
        };
    }

    @Test
    void theSdkClientPublishesValuesStatisticSetsAndValueListsAsMeters() {
        String namespace = namespace();
        try (CloudWatchClient cloudWatch = cloudWatch()) {
            cloudWatch.putMetricData(r -> r.namespace(namespace)
                    .metricData(
                            MetricDatum.builder()
                                    .metricName("RecordsProcessed")
                                    .dimensions(
                                            dimension("ShardId", "shardId-000000000001"),
                                            dimension("Operation", "ProcessTask"))
                                    .timestamp(Instant.now())
                                    .unit(StandardUnit.COUNT)
                                    .value(7.0)
                                    .build(),
                            MetricDatum.builder()
                                    .metricName("MillisBehindLatest")
                                    .dimensions(dimension("Operation", "ProcessTask"))
                                    .unit(StandardUnit.MILLISECONDS)
                                    .statisticValues(s -> s.sampleCount(4.0)
                                            .sum(100.0)
                                            .minimum(10.0)
                                            .maximum(40.0))
                                    .build(),
                            MetricDatum.builder()
                                    .metricName("Latency")
                                    .values(1.0, 4.0)
                                    .counts(3.0, 2.0)
                                    .storageResolution(1)
                                    .build()));
            cloudWatch.putMetricData(r -> r.namespace(namespace)
                    .metricData(MetricDatum.builder()
                            .metricName("RecordsProcessed")
                            .dimensions(
                                    dimension("Operation", "ProcessTask"), dimension("ShardId", "shardId-000000000001"))
                            .value(5.0)
                            .build()));
        }

        assertThat(series(namespace, "RecordsProcessed", "Operation=ProcessTask,ShardId=shardId-000000000001"))
                .containsExactly(2, 12, 5, 7);
        assertThat(series(namespace, "MillisBehindLatest", "Operation=ProcessTask"))
                .containsExactly(4, 100, 10, 40);
        assertThat(series(namespace, "Latency", "")).containsExactly(5, 11, 1, 4);
    }

    @Test
    void theAsyncClientThatTheKclUsesIsAcceptedToo() {
        String namespace = namespace();
        try (CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .build()) {
            cloudWatch
                    .putMetricData(r -> r.namespace(namespace)
                            .metricData(MetricDatum.builder()
                                    .metricName("LeasesHeld")
                                    .dimensions(dimension("WorkerIdentifier", "worker-1"))
                                    .statisticValues(s -> s.sampleCount(1.0)
                                            .sum(4.0)
                                            .minimum(4.0)
                                            .maximum(4.0))
                                    .build()))
                    .join();
        }

        assertThat(series(namespace, "LeasesHeld", "WorkerIdentifier=worker-1")).containsExactly(1, 4, 4, 4);
    }

    /** The SDK gzips a PutMetricData body of 10 KiB or more; a thousand metrics is CloudWatch's limit per call. */
    @Test
    void aThousandMetricsInOneCompressedCallAreAccepted() {
        String namespace = namespace();
        List<MetricDatum> data = IntStream.range(0, 1000)
                .mapToObj(i -> MetricDatum.builder()
                        .metricName("Metric" + (i % 10))
                        .dimensions(dimension("Operation", "ProcessTask"))
                        .value((double) i)
                        .build())
                .toList();
        try (CloudWatchClient cloudWatch = cloudWatch()) {
            cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(data));
        }

        assertThat(registry.find("cloudwatch.metric.samples")
                        .tag("namespace", namespace)
                        .meters())
                .hasSize(10);
        assertThat(series(namespace, "Metric3", "Operation=ProcessTask")).containsExactly(100, 49800, 3, 993);
    }

    @Test
    void badInputGetsCloudWatchsErrorsThroughTheSdk() {
        String namespace = namespace();
        try (CloudWatchClient cloudWatch = cloudWatch()) {
            List<MetricDatum> tooMany = Collections.nCopies(
                    1001, MetricDatum.builder().metricName("M").value(1.0).build());
            List<Dimension> dimensions = IntStream.range(0, 31)
                    .mapToObj(i -> dimension("D" + i, "v"))
                    .toList();

            assertThatThrownBy(() ->
                            cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(tooMany)))
                    .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The collection MetricData must not have a size greater than 1000.");
                    });
            assertThatThrownBy(() -> put(
                            cloudWatch,
                            namespace,
                            d -> d.metricName("M").dimensions(dimensions).value(1.0)))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining(
                            "The collection MetricData.member.1.Dimensions must not have a size greater than 30.");
            assertThatThrownBy(() -> put(
                            cloudWatch,
                            namespace,
                            d -> d.metricName("M".repeat(256)).value(1.0)))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("MetricData.member.1.MetricName");
            assertThatThrownBy(() ->
                            put(cloudWatch, namespace, d -> d.metricName("M").value(Double.NaN)))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("The value NaN for parameter MetricData.member.1.Value is invalid.");
            assertThatThrownBy(() ->
                            put(cloudWatch, namespace, d -> d.metricName("M").value(Math.pow(2, 361))))
                    .isInstanceOf(InvalidParameterValueException.class);
            assertThatThrownBy(() -> put(
                            cloudWatch,
                            namespace,
                            d -> d.metricName("M").values(1.0, 2.0).counts(1.0)))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("The parameters MetricData.member.1.Values and MetricData.member.1.Counts"
                            + " must be of the same size.");
            assertThatThrownBy(() -> put(
                            cloudWatch,
                            namespace,
                            d -> d.metricName("M")
                                    .value(1.0)
                                    .statisticValues(s -> s.sampleCount(1.0)
                                            .sum(1.0)
                                            .minimum(1.0)
                                            .maximum(1.0))))
                    .isInstanceOfSatisfying(
                            InvalidParameterCombinationException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination"))
                    .hasMessageContaining(
                            "The parameters MetricData.member.1.Value and"
                                    + " MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.");
            assertThatThrownBy(() -> put(
                            cloudWatch,
                            namespace,
                            d -> d.metricName("M")
                                    .statisticValues(
                                            s -> s.sampleCount(1.0).sum(1.0).minimum(1.0))))
                    .isInstanceOfSatisfying(
                            MissingRequiredParameterException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingParameter"))
                    .hasMessageContaining("The parameter MetricData.member.1.StatisticValues.Maximum is required.");
            assertThatThrownBy(() -> put(
                            cloudWatch,
                            namespace,
                            d -> d.metricName("M")
                                    .timestamp(Instant.now().minus(Duration.ofDays(15)))
                                    .value(1.0)))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("The parameter MetricData.member.1.Timestamp must specify a time within the"
                            + " past two weeks.");
        }
        assertThat(registry.find("cloudwatch.metric")
                        .tag("namespace", namespace)
                        .meters())
                .isEmpty();
    }

    @Test
    void otherCloudWatchOperationsAreUnknownThroughTheSdk() {
        try (CloudWatchClient cloudWatch = cloudWatch()) {
            assertThatThrownBy(cloudWatch::listMetrics).isInstanceOfSatisfying(CloudWatchException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperation");
            });
        }
    }

    @Test
    void aQueryProtocolFormPostAsTheCliSendsItIsAnsweredInXml() throws Exception {
        String namespace = namespace();
        String form = form(
                "Action", "PutMetricData",
                "Version", "2010-08-01",
                "Namespace", namespace,
                "MetricData.member.1.MetricName", "Bytes Read",
                "MetricData.member.1.Dimensions.member.1.Name", "Stream",
                "MetricData.member.1.Dimensions.member.1.Value", "orders",
                "MetricData.member.1.Value", "1.5",
                "MetricData.member.1.Timestamp", Instant.now().toString(),
                "MetricData.member.1.Unit", "Bytes",
                "MetricData.member.2.MetricName", "Batch",
                "MetricData.member.2.StatisticValues.SampleCount", "2",
                "MetricData.member.2.StatisticValues.Sum", "9",
                "MetricData.member.2.StatisticValues.Minimum", "4",
                "MetricData.member.2.StatisticValues.Maximum", "5");

        HttpResponse<String> response = query(form.getBytes(StandardCharsets.UTF_8), false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(response.body())
                .contains("<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">")
                .contains("<RequestId>" + requestId + "</RequestId>");
        assertThat(series(namespace, "Bytes Read", "Stream=orders")).containsExactly(1, 1.5, 1.5, 1.5);
        assertThat(series(namespace, "Batch", "")).containsExactly(2, 9, 4, 5);
    }

    @Test
    void aGzippedQueryFormPostIsAccepted() throws Exception {
        String namespace = namespace();
        String form = form(
                "Action", "PutMetricData",
                "Namespace", namespace,
                "MetricData.member.1.MetricName", "M",
                "MetricData.member.1.Values.member.1", "2",
                "MetricData.member.1.Values.member.2", "3");
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(form.getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> response = query(gzipped.toByteArray(), true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(series(namespace, "M", "")).containsExactly(2, 5, 2, 3);
    }

    @Test
    void badQueryInputGetsTheQueryProtocolsErrorResponse() throws Exception {
        HttpResponse<String> missing = query(
                form("Action", "PutMetricData", "MetricData.member.1.MetricName", "M")
                        .getBytes(StandardCharsets.UTF_8),
                false);
        HttpResponse<String> notANumber = query(
                form(
                                "Action", "PutMetricData",
                                "Namespace", namespace(),
                                "MetricData.member.1.MetricName", "M",
                                "MetricData.member.1.Value", "many")
                        .getBytes(StandardCharsets.UTF_8),
                false);

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body())
                .contains("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">")
                .contains("<Type>Sender</Type>")
                .contains("<Code>MissingParameter</Code>")
                .contains("<Message>The parameter Namespace is required.</Message>")
                .contains("<RequestId>");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body())
                .contains("<Code>InvalidParameterValue</Code>")
                .contains("MetricData.member.1.Value");
    }

    @Test
    void anotherQueryActionIsInvalidAction() throws Exception {
        HttpResponse<String> response =
                query(form("Action", "GetMetricData", "Version", "2010-08-01").getBytes(StandardCharsets.UTF_8), false);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("<Code>InvalidAction</Code>")
                .contains("The action GetMetricData is not valid for this web service.");
    }

    /** A form without an Action (or one that names a Kinesis target) need not be CloudWatch's: AWS cannot tell. */
    @Test
    void aFormThatIsNoQueryRequestGetsTheAnswerForAnUnknownProtocol() throws Exception {
        HttpResponse<String> noAction = query("{\"StreamName\":\"%zz\"}".getBytes(StandardCharsets.UTF_8), false);
        HttpResponse<String> kinesisTarget = http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                        .header("Authorization", AUTH)
                        .POST(HttpRequest.BodyPublishers.ofString("Action=PutMetricData"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(noAction.statusCode()).isEqualTo(403);
        assertThat(noAction.body()).startsWith("<AccessDeniedException>");
        assertThat(kinesisTarget.statusCode()).isEqualTo(404);
        assertThat(kinesisTarget.body()).startsWith("<UnknownOperationException");
    }

    @Test
    void json10AsBoto3SendsItIsAcceptedAndItsErrorsCarryTheQueryCode() throws Exception {
        String namespace = namespace();
        HttpResponse<String> ok = json(
                "PutMetricData",
                "{\"Namespace\":\"" + namespace + "\",\"MetricData\":[{\"MetricName\":\"M\",\"Value\":2.5,"
                        + "\"Timestamp\":" + Instant.now().getEpochSecond() + ",\"Dimensions\":[{\"Name\":\"a\","
                        + "\"Value\":\"b\"}]}]}");
        HttpResponse<String> bad = json(
                "PutMetricData",
                "{\"Namespace\":\"" + namespace + "\",\"MetricData\":[{\"MetricName\":\"M\",\"Value\":1,"
                        + "\"StatisticValues\":{\"SampleCount\":1,\"Sum\":1,\"Minimum\":1,\"Maximum\":1}}]}");
        HttpResponse<String> unknown = json("GetMetricData", "{}");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(series(namespace, "M", "a=b")).containsExactly(1, 2.5, 2.5, 2.5);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterCombination;Sender");
        assertThat(bad.body()).contains("\"__type\":\"InvalidParameterCombinationException\"");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("UnknownOperationException");
    }

    private static void put(
            CloudWatchClient cloudWatch, String namespace, java.util.function.Consumer<MetricDatum.Builder> datum) {
        MetricDatum.Builder builder = MetricDatum.builder();
        datum.accept(builder);
        cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(builder.build()));
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    private static String form(String... namesAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.add(encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]));
        }
        return String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> query(byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> json(String operation, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", "GraniteServiceVersion20100801." + operation)
                        .header("x-amzn-query-mode", "true")
                        .header("Authorization", AUTH)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
