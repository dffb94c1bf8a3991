package dev.shardline.firehose.deliverystream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionStatus;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The /v1 REST API does to delivery streams what the AWS API does: create with an AWS configuration, update the
 * destination, tags, encryption, and shows why deliveries fail. Errors carry AWS's type and message; each effect is
 * checked through the official AWS SDK.
 */
class FirehoseRestChangesTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private final HttpClient http = HttpClient.newHttpClient();
    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose();
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private DeliveryStreamDescription describe(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)).deliveryStreamDescription();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .contains("\"awsErrorType\":\"" + type + "\"")
                .contains(message);
    }

    private static String s3Configuration(String bucket, int sizeInMBs) {
        return """
                {"extendedS3DestinationConfiguration": {
                   "roleARN": "%s", "bucketARN": "arn:aws:s3:::%s", "prefix": "rest/",
                   "bufferingHints": {"sizeInMBs": %d, "intervalInSeconds": 1},
                   "processingConfiguration": {"enabled": true, "processors": [
                     {"type": "AppendDelimiterToRecord",
                      "parameters": [{"parameterName": "Delimiter", "parameterValue": "\\\\n"}]}]}},
                 "tags": [{"key": "team", "value": "payments"}]}
                """.formatted(ROLE, bucket, sizeInMBs);
    }

    @Test
    void createTakesTheAwsConfigurationWithProcessingAndTags() throws Exception {
        String name = uniqueName("rest");
        String bucket = newBucket();

        HttpResponse<String> created = send("PUT", "/v1/delivery-streams/" + name, s3Configuration(bucket, 1));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"type\":\"DirectPut\"").contains("\"status\":\"CREATING\"");
        awaitActive(firehose, name);
        ExtendedS3DestinationDescription s3 =
                describe(name).destinations().get(0).extendedS3DestinationDescription();
        assertThat(s3.bucketARN()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(s3.prefix()).isEqualTo("rest/");
        assertThat(s3.processingConfiguration().processors().get(0).type())
                .isEqualTo(ProcessorType.APPEND_DELIMITER_TO_RECORD);
        assertThat(firehose.listTagsForDeliveryStream(r -> r.deliveryStreamName(name))
                        .tags())
                .containsExactly(Tag.builder().key("team").value("payments").build());

        assertProblem(
                send("PUT", "/v1/delivery-streams/" + name, s3Configuration(bucket, 1)),
                409,
                "ResourceInUseException",
                name);
    }

    @Test
    void createRefusesWhatTheAwsApiRefusesWithItsWords() throws Exception {
        assertProblem(
                send("PUT", "/v1/delivery-streams/" + uniqueName("rest"), s3Configuration("b", 0)),
                400,
                "ValidationException",
                "Value '0' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 1");
        assertProblem(
                send("PUT", "/v1/delivery-streams/" + uniqueName("rest"), "{\"deliveryStreamType\":\"DirectPut\"}"),
                400,
                "InvalidArgumentException",
                "Exactly one destination configuration must be supplied");
        assertProblem(
                send(
                        "PUT",
                        "/v1/delivery-streams/" + uniqueName("rest"),
                        "{\"deliveryStreamType\":\"KinesisStreamAsSource\","
                                + s3Configuration("b", 1).substring(1)),
                400,
                "InvalidArgumentException",
                "KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.");
        assertProblem(
                send("PUT", "/v1/delivery-streams/bad%20name", s3Configuration("b", 1)),
                400,
                "ValidationException",
                "deliveryStreamName");
    }

    @Test
    void updateDestinationTakesTheVersionIdAsUpdateDestinationDoes() throws Exception {
        String name = activeStream(firehose, newBucket(), "old/", 1, 1, "UNCOMPRESSED");
        JsonNode stream = JsonMapper.builder()
                .build()
                .readTree(send("GET", "/v1/delivery-streams/" + name, null).body());
        String versionId = stream.path("versionId").asString();
        String destinationId =
                stream.path("destinations").path(0).path("destinationId").asString();

        HttpResponse<String> updated = send(
                "PUT",
                "/v1/delivery-streams/" + name + "/destination",
                "{\"currentDeliveryStreamVersionId\":\"" + versionId + "\",\"destinationId\":\"" + destinationId
                        + "\",\"extendedS3DestinationUpdate\":{\"prefix\":\"new/\"}}");

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        awaitActive(firehose, name);
        assertThat(describe(name)
                        .destinations()
                        .get(0)
                        .extendedS3DestinationDescription()
                        .prefix())
                .isEqualTo("new/");
        assertThat(describe(name).versionId()).isNotEqualTo(versionId);

        assertProblem(
                send(
                        "PUT",
                        "/v1/delivery-streams/" + name + "/destination",
                        "{\"currentDeliveryStreamVersionId\":\"" + versionId + "\",\"destinationId\":\"" + destinationId
                                + "\",\"extendedS3DestinationUpdate\":{\"prefix\":\"again/\"}}"),
                400,
                "ConcurrentModificationException",
                "Another modification has already happened.");
    }

    @Test
    void tagsAreListedAddedAndRemoved() throws Exception {
        String name = activeStream(firehose, newBucket(), "", 1, 1, "UNCOMPRESSED");

        HttpResponse<String> tagged =
                send("POST", "/v1/delivery-streams/" + name + "/tags", "{\"tags\":{\"team\":\"a\",\"env\":\"dev\"}}");
        assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(200);
        assertThat(send("GET", "/v1/delivery-streams/" + name + "/tags", null).body())
                .isEqualTo("{\"tags\":{\"env\":\"dev\",\"team\":\"a\"}}");

        assertThat(send("DELETE", "/v1/delivery-streams/" + name + "/tags?key=env", null)
                        .statusCode())
                .isEqualTo(200);
        Map<String, String> tags = firehose.listTagsForDeliveryStream(r -> r.deliveryStreamName(name)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).containsExactly(Map.entry("team", "a"));

        assertProblem(
                send("POST", "/v1/delivery-streams/" + name + "/tags", "{\"tags\":{\"aws:team\":\"a\"}}"),
                400,
                "ValidationException",
                "Value 'aws:team' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern");
    }

    @Test
    void encryptionStartsAndStops() throws Exception {
        String name = activeStream(firehose, newBucket(), "", 1, 1, "UNCOMPRESSED");

        assertProblem(
                send("PUT", "/v1/delivery-streams/" + name + "/encryption", "{\"keyType\":\"CUSTOMER_MANAGED_CMK\"}"),
                400,
                "InvalidArgumentException",
                "KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
        HttpResponse<String> started =
                send("PUT", "/v1/delivery-streams/" + name + "/encryption", "{\"keyType\":\"AWS_OWNED_CMK\"}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        describe(name).deliveryStreamEncryptionConfiguration().status()
                                == DeliveryStreamEncryptionStatus.ENABLED);

        assertThat(send("DELETE", "/v1/delivery-streams/" + name + "/encryption", null)
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        describe(name).deliveryStreamEncryptionConfiguration().status()
                                == DeliveryStreamEncryptionStatus.DISABLED);
    }

    @Test
    void theFailureViewShowsTheLatestFailedDelivery() throws Exception {
        // The test configuration does not create missing buckets: every delivery into this one fails.
        String name = activeStream(firehose, uniqueName("missing"), "", 1, 1, "UNCOMPRESSED");
        assertThat(send("GET", "/v1/delivery-streams/" + name + "/failure", null)
                        .body())
                .contains("\"failing\":false");

        firehose.putRecord(r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromUtf8String("lost\n"))));

        String failure = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> send("GET", "/v1/delivery-streams/" + name + "/failure", null)
                                .body(),
                        body -> body.contains("\"failing\":true"));
        assertThat(failure)
                .contains("\"errorCode\":\"S3.NoSuchBucket\"")
                .contains("\"type\":\"UNKNOWN_ERROR\"")
                .contains("\"attempts\":");
        assertThat(send("GET", "/v1/delivery-streams/" + name, null).body())
                .contains("\"failureDescription\":{\"type\":\"UNKNOWN_ERROR\",\"details\":\"S3.NoSuchBucket: ");
    }
}
