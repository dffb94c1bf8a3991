package dev.shardline.firehose.destination.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.processing.TestFunction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP endpoint stream whose transformation function fails some records: the endpoint gets the others, the failed
 * ones land in the S3 bucket's error output exactly as an S3 destination writes it (AWS's processing-failed lines,
 * with the function's ARN, under the evaluated ErrorOutputPrefix).
 */
class FirehoseHttpProcessingFailedTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void recordsTheFunctionFailsGoToTheProcessingFailedOutputAndTheRestToTheEndpoint() {
        FirehoseClient firehose = firehose();
        String bucket = newBucket();
        String name = uniqueName("http-failed");
        try (TestEndpoint endpoint = new TestEndpoint();
                TestFunction function = TestFunction.start(event -> {
                    List<Object> records = new ArrayList<>();
                    for (JsonNode record : event.path("records")) {
                        String data = TestFunction.data(record);
                        records.add(TestFunction.record(
                                record.path("recordId").asString(),
                                data.startsWith("bad") ? "ProcessingFailed" : "Ok",
                                data));
                    }
                    return TestFunction.Reply.ok(Map.of("records", records));
                })) {
            String lambda = function.url().toString();
            firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                    .httpEndpointDestinationConfiguration(h -> h.endpointConfiguration(e -> e.url(endpoint.url()))
                            .roleARN(ROLE)
                            .bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(1))
                            .processingConfiguration(p -> p.enabled(true)
                                    .processors(x -> x.type(ProcessorType.LAMBDA)
                                            .parameters(q -> q.parameterName(ProcessorParameterName.LAMBDA_ARN)
                                                    .parameterValue(lambda))))
                            .s3Configuration(s -> s.roleARN(ROLE)
                                    .bucketARN("arn:aws:s3:::" + bucket)
                                    .errorOutputPrefix("failed/!{firehose:error-output-type}/"))));
            awaitActive(firehose, name);

            List<String> records = List.of("1\n", "bad-a\n", "2\n", "bad-b\n", "3\n");
            firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                    .records(records.stream()
                            .map(d -> Record.builder()
                                    .data(SdkBytes.fromUtf8String(d))
                                    .build())
                            .toList()));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> endpoint.records().size() >= 3);
            List<S3Object> errors = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> objects(bucket).stream()
                                    .filter(o -> o.key().startsWith("failed/processing-failed/"))
                                    .toList(),
                            e -> !e.isEmpty());
            assertThat(endpoint.records()).containsExactly("1\n", "2\n", "3\n");
            assertThat(errors).hasSize(1);
            List<JsonNode> lines = new String(read(bucket, errors.get(0).key()), StandardCharsets.UTF_8)
                    .lines()
                    .map(JSON::readTree)
                    .toList();
            assertThat(lines)
                    .extracting(l -> new String(
                            Base64.getDecoder().decode(l.path("rawData").asString()), StandardCharsets.UTF_8))
                    .containsExactly("bad-a\n", "bad-b\n");
            assertThat(lines).allSatisfy(l -> {
                assertThat(l.path("errorCode").asString()).isEqualTo("Lambda.ProcessingFailedStatus");
                assertThat(l.path("lambdaArn").asString()).isEqualTo(lambda);
            });
            // Nothing failed delivery: no http-endpoint-failed output.
            assertThat(objects(bucket)).allMatch(o -> o.key().startsWith("failed/processing-failed/"));
        }
    }
}
