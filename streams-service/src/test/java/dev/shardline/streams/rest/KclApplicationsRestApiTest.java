package dev.shardline.streams.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET /v1/streams/{name}/applications and /v1/kcl/applications: the KCL applications reading a stream, from lease
 * items written through the DynamoDB client with the attributes the KCL's lease serializers write. A single-stream lease
 * table is matched to its stream by its checkpoints or by the fan-out consumer named after it; a multi-stream one by its
 * lease keys.
 */
class KclApplicationsRestApiTest extends StreamsIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    @org.junit.jupiter.api.Disabled(
            "Fails in the whole streams suite (passes alone, issue #17): a single-stream lease table is"
                    + " found by its checkpoints' shard index + creation second, which other streams of the shared test account"
                    + " created in the same second make ambiguous, so the application is not listed; the test needs its own"
                    + " account and the resolution a tie-break")
    void aStreamsApplicationsShowEachShardsOwnerCounterCheckpointAndRecordsBehind() throws Exception {
        KinesisClient kinesis = kinesis(false);
        String stream = activeStream(kinesis, 2);
        String other = activeStream(kinesis, 2);
        List<PutRecordResponse> shard0 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            shard0.add(kinesis.putRecord(r -> r.streamName(stream)
                    .partitionKey("k")
                    .explicitHashKey("0")
                    .data(SdkBytes.fromString("record-" + n, StandardCharsets.UTF_8))));
        }
        DynamoDbClient dynamo = dynamo();

        // single stream, checkpointed: shard 0 at its second record, shard 1 not started yet
        String checkpointed = application("orders");
        leaseTable(dynamo, checkpointed);
        lease(
                dynamo,
                checkpointed,
                "shardId-000000000000",
                "worker-1",
                7,
                shard0.get(1).sequenceNumber(),
                Map.of());
        lease(dynamo, checkpointed, "shardId-000000000001", "worker-2", 3, "TRIM_HORIZON", Map.of());
        // single stream, nothing checkpointed, but its fan-out consumer (named after it) is registered on the other
        String fanOut = application("fan-out");
        leaseTable(dynamo, fanOut);
        lease(dynamo, fanOut, "shardId-000000000000", "worker-1", 1, "TRIM_HORIZON", Map.of());
        String otherArn = kinesis.describeStreamSummary(r -> r.streamName(other))
                .streamDescriptionSummary()
                .streamARN();
        kinesis.registerStreamConsumer(r -> r.streamARN(otherArn).consumerName(fanOut));
        // multi-stream: the lease key names the stream
        StreamDescriptionSummary summary =
                kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary();
        String account = summary.streamARN().split(":")[4];
        String identifier =
                account + ":" + stream + ":" + summary.streamCreationTimestamp().getEpochSecond();
        String multi = application("multi");
        leaseTable(dynamo, multi);
        lease(
                dynamo,
                multi,
                identifier + ":shardId-000000000001",
                "worker-9",
                2,
                "LATEST",
                Map.of(
                        "streamName", AttributeValue.fromS(identifier),
                        "shardId", AttributeValue.fromS("shardId-000000000001")));
        // no checkpoint, no consumer: its stream cannot be told
        String unknown = application("unknown");
        leaseTable(dynamo, unknown);
        lease(dynamo, unknown, "shardId-000000000000", "worker-1", 1, "TRIM_HORIZON", Map.of());
        // the KCL's coordinator state table is not a lease table
        dynamo.createTable(r -> r.tableName(checkpointed + "-CoordinatorState")
                .keySchema(k -> k.attributeName("key").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("key").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));

        HttpResponse<String> response = get("/v1/streams/" + stream + "/applications");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, JsonNode> byName = byName(json.readTree(response.body()));
        assertThat(byName).containsOnlyKeys(checkpointed, multi);

        JsonNode orders = byName.get(checkpointed);
        assertThat(orders.get("stream").asString()).isEqualTo(stream);
        assertThat(orders.get("streamFoundBy").asString()).isEqualTo("checkpoint sequence numbers");
        assertThat(orders.get("workers").toString()).isEqualTo("[\"worker-1\",\"worker-2\"]");
        JsonNode first = orders.get("shards").get(0);
        assertThat(first.get("shardId").asString()).isEqualTo("shardId-000000000000");
        assertThat(first.get("leaseOwner").asString()).isEqualTo("worker-1");
        assertThat(first.get("leaseCounter").asLong()).isEqualTo(7);
        assertThat(first.get("checkpoint").asString()).isEqualTo(shard0.get(1).sequenceNumber());
        assertThat(first.get("recordsBehind").asLong()).isEqualTo(3);
        assertThat(first.get("checkpointedRecordArrivedAt").isNull()).isFalse();
        JsonNode second = orders.get("shards").get(1);
        assertThat(second.get("shardId").asString()).isEqualTo("shardId-000000000001");
        assertThat(second.get("leaseOwner").asString()).isEqualTo("worker-2");
        assertThat(second.get("checkpoint").asString()).isEqualTo("TRIM_HORIZON");
        assertThat(second.get("recordsBehind").isNull()).isTrue();

        JsonNode multiStream = byName.get(multi);
        assertThat(multiStream.get("streamFoundBy").asString()).isEqualTo("multi-stream lease keys");
        assertThat(multiStream.get("shards").get(0).get("shardId").asString()).isEqualTo("shardId-000000000001");
        assertThat(multiStream.get("shards").get(0).get("leaseOwner").asString())
                .isEqualTo("worker-9");

        Map<String, JsonNode> ofOther = byName(
                json.readTree(get("/v1/streams/" + other + "/applications").body()));
        assertThat(ofOther).containsOnlyKeys(fanOut);
        assertThat(ofOther.get(fanOut).get("streamFoundBy").asString())
                .isEqualTo("enhanced fan-out consumer named after the application");

        HttpResponse<String> all = get("/v1/kcl/applications");
        assertThat(all.statusCode()).isEqualTo(200);
        Map<String, JsonNode> everything = byName(json.readTree(all.body()));
        assertThat(everything).containsKeys(checkpointed, fanOut, multi, unknown);
        assertThat(everything).doesNotContainKey(checkpointed + "-CoordinatorState");
        assertThat(everything.get(unknown).get("stream").isNull()).isTrue();
        assertThat(everything
                        .get(unknown)
                        .get("shards")
                        .get(0)
                        .get("leaseOwner")
                        .asString())
                .isEqualTo("worker-1");
    }

    @Test
    void anUnknownStreamIsAProblemDetailAndABadNameABadRequest() throws Exception {
        HttpResponse<String> missing = get("/v1/streams/no-such-stream/applications");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("ResourceNotFoundException");

        assertThat(get("/v1/streams/bad%20name!/applications").statusCode()).isEqualTo(400);
    }

    @Test
    void bothCallsAreInTheOpenApiDocumentUnderTheirTag() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = json.readTree(docs.body());
        JsonNode ofStream =
                api.get("paths").get("/v1/streams/{name}/applications").get("get");
        JsonNode all = api.get("paths").get("/v1/kcl/applications").get("get");
        assertThat(ofStream.get("operationId").asString()).isEqualTo("listStreamKclApplications");
        assertThat(all.get("operationId").asString()).isEqualTo("listKclApplications");
        assertThat(ofStream.get("tags").get(0).asString()).isEqualTo("KCL applications");
        assertThat(all.get("tags").get(0).asString()).isEqualTo("KCL applications");
    }

    private static String application(String what) {
        return "kcl-view-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode application : list.get("applications")) {
            byName.put(application.get("name").asString(), application);
        }
        return byName;
    }

    /** The lease table as the KCL creates it: hash key leaseKey, on demand. */
    private static void leaseTable(DynamoDbClient dynamo, String name) {
        dynamo.createTable(r -> r.tableName(name)
                .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    /** A lease with the attributes the KCL's DynamoDBLeaseSerializer writes. */
    private static void lease(
            DynamoDbClient dynamo,
            String table,
            String leaseKey,
            String owner,
            long counter,
            String checkpoint,
            Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new HashMap<>(more);
        item.put("leaseKey", AttributeValue.fromS(leaseKey));
        item.put("leaseOwner", AttributeValue.fromS(owner));
        item.put("leaseCounter", AttributeValue.fromN(Long.toString(counter)));
        item.put("checkpoint", AttributeValue.fromS(checkpoint));
        item.put("checkpointSubSequenceNumber", AttributeValue.fromN("0"));
        item.put("ownerSwitchesSinceCheckpoint", AttributeValue.fromN("0"));
        item.put("startingHashKey", AttributeValue.fromS("0"));
        item.put("endingHashKey", AttributeValue.fromS("170141183460469231731687303715884105727"));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private DynamoDbClient dynamo() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
