package dev.shardline.streams.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * The /v1 REST API changes a stream as the console and the AWS actions do (split, merge, scaling, mode, retention,
 * encryption, shard-level metrics), answers with the stream, and refuses with AWS's error type and message; each effect
 * is checked through the official AWS SDK.
 */
class StreamChangesRestApiTest extends StreamsIntegrationTest {

    private static final BigInteger MIDDLE = BigInteger.TWO.pow(127);

    private final HttpClient http = HttpClient.newHttpClient();
    private KinesisClient kinesis;

    @BeforeEach
    void client() {
        kinesis = kinesis(false);
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Shard> shards(String name) {
        return kinesis.listShards(r -> r.streamName(name)).shards();
    }

    private StreamDescriptionSummary summary(String name) {
        return kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .contains("\"awsErrorType\":\"" + type + "\"")
                .contains(message);
    }

    @Test
    void splitShardClosesTheParentAndASecondSplitOfItIsAnInvalidArgument() throws Exception {
        String name = activeStream(kinesis, 1);

        HttpResponse<String> split = send(
                "POST",
                "/v1/streams/" + name + "/shards/shardId-000000000000/split",
                "{\"newStartingHashKey\":\"" + MIDDLE + "\"}");

        assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
        assertThat(split.body()).contains("\"name\":\"" + name + "\"").contains("\"status\":\"UPDATING\"");
        awaitActive(kinesis, name);
        assertThat(shards(name))
                .filteredOn(s -> "shardId-000000000000".equals(s.parentShardId()))
                .extracting(s -> s.hashKeyRange().startingHashKey())
                .containsExactlyInAnyOrder("0", MIDDLE.toString());

        assertProblem(
                send(
                        "POST",
                        "/v1/streams/" + name + "/shards/shardId-000000000000/split",
                        "{\"newStartingHashKey\":\"" + MIDDLE + "\"}"),
                400,
                "InvalidArgumentException",
                "has already been merged or split, and thus is not eligible for merging or splitting.");
        assertProblem(
                send("POST", "/v1/streams/" + name + "/shards/shardId-000000000001/split", "{}"),
                400,
                "ValidationException",
                "newStartingHashKey");
    }

    @Test
    void mergeShardsJoinsAdjacentShardsAndRefusesNonAdjacentOnes() throws Exception {
        String name = activeStream(kinesis, 3);

        assertProblem(
                send(
                        "POST",
                        "/v1/streams/" + name + "/shards/merge",
                        "{\"shardId\":\"shardId-000000000000\",\"adjacentShardId\":\"shardId-000000000002\"}"),
                400,
                "InvalidArgumentException",
                "are not an adjacent pair of shards eligible for merging");

        HttpResponse<String> merged = send(
                "POST",
                "/v1/streams/" + name + "/shards/merge",
                "{\"shardId\":\"shardId-000000000000\",\"adjacentShardId\":\"shardId-000000000001\"}");

        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        awaitActive(kinesis, name);
        assertThat(shards(name))
                .filteredOn(s -> "shardId-000000000000".equals(s.parentShardId()))
                .singleElement()
                .satisfies(child -> assertThat(child.adjacentParentShardId()).isEqualTo("shardId-000000000001"));
    }

    @Test
    void shardCountScalesUniformlyWithinAwsBounds() throws Exception {
        String name = activeStream(kinesis, 1);

        assertProblem(
                send("PUT", "/v1/streams/" + name + "/shard-count", "{\"targetShardCount\":3}"),
                429,
                "LimitExceededException",
                "UpdateShardCount cannot scale up over double the current open shard count of 1");

        HttpResponse<String> scaled = send("PUT", "/v1/streams/" + name + "/shard-count", "{\"targetShardCount\":2}");

        assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(200);
        awaitActive(kinesis, name);
        assertThat(summary(name).openShardCount()).isEqualTo(2);
    }

    @Test
    void modeChangesBetweenProvisionedAndOnDemand() throws Exception {
        String name = activeStream(kinesis, 1);

        assertProblem(
                send("PUT", "/v1/streams/" + name + "/mode", "{\"mode\":\"SOMETIMES\"}"),
                400,
                "ValidationException",
                "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
        HttpResponse<String> changed = send("PUT", "/v1/streams/" + name + "/mode", "{\"mode\":\"ON_DEMAND\"}");

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        awaitActive(kinesis, name);
        assertThat(summary(name).streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertProblem(
                send("PUT", "/v1/streams/" + name + "/shard-count", "{\"targetShardCount\":2}"),
                400,
                "InvalidArgumentException",
                "UpdateShardCount is not supported for streams in ON_DEMAND mode.");
    }

    @Test
    void retentionIncreasesOrDecreasesToTheHoursAsked() throws Exception {
        String name = activeStream(kinesis, 1);

        HttpResponse<String> longer = send("PUT", "/v1/streams/" + name + "/retention", "{\"retentionHours\":48}");

        assertThat(longer.statusCode()).as(longer.body()).isEqualTo(200);
        assertThat(longer.body()).contains("\"retentionHours\":48");
        awaitActive(kinesis, name);
        assertThat(summary(name).retentionPeriodHours()).isEqualTo(48);

        assertThat(send("PUT", "/v1/streams/" + name + "/retention", "{\"retentionHours\":24}")
                        .statusCode())
                .isEqualTo(200);
        awaitActive(kinesis, name);
        assertThat(summary(name).retentionPeriodHours()).isEqualTo(24);

        assertProblem(
                send("PUT", "/v1/streams/" + name + "/retention", "{\"retentionHours\":10}"),
                400,
                "InvalidArgumentException",
                "Minimum allowed retention period is 24 hours. Requested retention period (10 hours) is too short.");
    }

    @Test
    void encryptionStartsWithAKmsKeyAndStops() throws Exception {
        String name = activeStream(kinesis, 1);

        assertProblem(
                send("PUT", "/v1/streams/" + name + "/encryption", "{\"keyId\":\"alias/no-such-key\"}"),
                400,
                "KMSNotFoundException",
                "alias/no-such-key is not found.");
        HttpResponse<String> started =
                send("PUT", "/v1/streams/" + name + "/encryption", "{\"keyId\":\"alias/aws/kinesis\"}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        awaitActive(kinesis, name);
        assertThat(summary(name).encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(summary(name).keyId()).isEqualTo("alias/aws/kinesis");

        HttpResponse<String> stopped = send("DELETE", "/v1/streams/" + name + "/encryption", null);

        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        awaitActive(kinesis, name);
        assertThat(summary(name).encryptionType()).isEqualTo(EncryptionType.NONE);
    }

    @Test
    void shardLevelMetricsAreEnabledAndDisabledOneByOne() throws Exception {
        String name = activeStream(kinesis, 1);

        HttpResponse<String> enabled = send("PUT", "/v1/streams/" + name + "/shard-level-metrics/IncomingBytes", null);

        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.body()).contains("\"shardLevelMetrics\":[\"IncomingBytes\"]");
        awaitActive(kinesis, name);
        assertThat(summary(name).enhancedMonitoring().get(0).shardLevelMetrics())
                .containsExactly(MetricsName.INCOMING_BYTES);

        assertThat(send("DELETE", "/v1/streams/" + name + "/shard-level-metrics/ALL", null)
                        .statusCode())
                .isEqualTo(200);
        awaitActive(kinesis, name);
        assertThat(summary(name).enhancedMonitoring().get(0).shardLevelMetrics())
                .isEmpty();
        assertProblem(
                send("PUT", "/v1/streams/" + name + "/shard-level-metrics/Nonsense", null),
                400,
                "ValidationException",
                "Member must satisfy enum value set");
    }
}
