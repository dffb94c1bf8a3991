package dev.shardline.streams.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.testing.SimultaneousCalls;
import dev.shardline.streams.StreamsIntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The KCL's lease store, driven with the official DynamoDB client at its default settings: tables, items, the legacy
 * conditional writes of the KCL's lease serializer, expressions as the lock client and the enhanced client write
 * them, Scan and Query pages, and conditional updates of one lease racing each other.
 */
class LeaseStoreTest extends StreamsIntegrationTest {

    private static final String INDEX = "LeaseOwnerToLeaseKeyIndex";

    private DynamoDbClient dynamo() {
        return dynamo("AKIDEXAMPLE", true);
    }

    private DynamoDbClient dynamo(String accessKey, boolean retries) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> {
                    if (!retries) {
                        o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                })
                .build();
    }

    /** A lease table as the KCL 3 creates it, then gives it the lease-owner index. */
    private static String leaseTable(DynamoDbClient dynamo) {
        String name = "leases-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(r -> r.tableName(name)
                .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .deletionProtectionEnabled(false));
        dynamo.updateTable(r -> r.tableName(name)
                .attributeDefinitions(
                        a -> a.attributeName("leaseOwner").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(INDEX)
                        .keySchema(
                                k -> k.attributeName("leaseOwner").keyType(KeyType.HASH),
                                k -> k.attributeName("leaseKey").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
        return name;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** A lease as DynamoDBLeaseSerializer.toDynamoRecord writes a new one. */
    private static Map<String, AttributeValue> lease(String key, String owner) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("leaseKey", s(key));
        item.put("leaseCounter", n(0));
        if (owner != null) {
            item.put("leaseOwner", s(owner));
        }
        item.put("ownerSwitchesSinceCheckpoint", n(0));
        item.put("checkpoint", s("TRIM_HORIZON"));
        item.put("checkpointSubSequenceNumber", n(0));
        item.put("parentShardId", AttributeValue.fromSs(List.of("shardId-000000000000")));
        return item;
    }

    @Test
    void tablesAreCreatedActiveDescribedAndDeleted() {
        DynamoDbClient dynamo = dynamo();
        String name = leaseTable(dynamo);

        TableDescription table = dynamo.describeTable(r -> r.tableName(name)).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).singleElement().satisfies(k -> {
            assertThat(k.attributeName()).isEqualTo("leaseKey");
            assertThat(k.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(i -> {
            assertThat(i.indexName()).isEqualTo(INDEX);
            assertThat(i.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
            assertThat(i.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        });
        assertThat(table.tableArn()).endsWith(":table/" + name);
        assertThat(dynamo.listTables().tableNames()).contains(name);

        assertThatThrownBy(() -> dynamo.createTable(r -> r.tableName(name)
                        .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S))
                        .billingMode(BillingMode.PAY_PER_REQUEST)))
                .isInstanceOf(ResourceInUseException.class);

        assertThat(dynamo.deleteTable(r -> r.tableName(name)).tableDescription().tableStatus())
                .isEqualTo(TableStatus.DELETING);
        assertThatThrownBy(() -> dynamo.describeTable(r -> r.tableName(name)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Requested resource not found");
        assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName(name).key(Map.of("leaseKey", s("x")))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deletionProtectionAndPointInTimeRecoveryAreKeptAsTheKclSetsThem() {
        DynamoDbClient dynamo = dynamo();
        String name = "protected-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(r -> r.tableName(name)
                .keySchema(k -> k.attributeName("key").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("key").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(10L).writeCapacityUnits(10L))
                .deletionProtectionEnabled(true));
        dynamo.updateContinuousBackups(
                r -> r.tableName(name).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));

        assertThat(dynamo.describeContinuousBackups(r -> r.tableName(name))
                        .continuousBackupsDescription()
                        .pointInTimeRecoveryDescription()
                        .pointInTimeRecoveryStatusAsString())
                .isEqualTo("ENABLED");
        assertThat(dynamo.describeTable(r -> r.tableName(name))
                        .table()
                        .provisionedThroughput()
                        .readCapacityUnits())
                .isEqualTo(10L);
        assertThatThrownBy(() -> dynamo.deleteTable(r -> r.tableName(name)))
                .isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(
                                ((AwsServiceException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
        dynamo.updateTable(r -> r.tableName(name).deletionProtectionEnabled(false));
        dynamo.deleteTable(r -> r.tableName(name));
    }

    @Test
    void itemsKeepEveryAttributeType() {
        DynamoDbClient dynamo = dynamo();
        String name = leaseTable(dynamo);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("leaseKey", s("shardId-000000000001"));
        item.put("number", AttributeValue.fromN("1.50"));
        item.put("binary", AttributeValue.fromB(SdkBytes.fromUtf8String("state")));
        item.put("flag", AttributeValue.fromBool(true));
        item.put("nothing", AttributeValue.fromNul(true));
        item.put("strings", AttributeValue.fromSs(List.of("a", "b")));
        item.put("numbers", AttributeValue.fromNs(List.of("1", "2")));
        item.put("binaries", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))));
        item.put("list", AttributeValue.fromL(List.of(s("one"), n(2))));
        item.put("map", AttributeValue.fromM(Map.of("inner", s("value"))));
        dynamo.putItem(r -> r.tableName(name).item(item));

        Map<String, AttributeValue> read = dynamo.getItem(r -> r.tableName(name)
                        .key(Map.of("leaseKey", s("shardId-000000000001")))
                        .consistentRead(true))
                .item();

        assertThat(read).hasSize(item.size());
        assertThat(read.get("number").n()).isEqualTo("1.5");
        assertThat(read.get("binary").b().asUtf8String()).isEqualTo("state");
        assertThat(read.get("flag").bool()).isTrue();
        assertThat(read.get("nothing").nul()).isTrue();
        assertThat(read.get("strings").ss()).containsExactlyInAnyOrder("a", "b");
        assertThat(read.get("numbers").ns()).containsExactlyInAnyOrder("1", "2");
        assertThat(read.get("binaries").bs()).containsExactly(SdkBytes.fromUtf8String("x"));
        assertThat(read.get("list").l()).containsExactly(s("one"), n(2));
        assertThat(read.get("map").m()).containsEntry("inner", s("value"));
        assertThat(dynamo.getItem(r -> r.tableName(name).key(Map.of("leaseKey", s("absent"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void aLeaseIsCreatedOnlyIfItDoesNotExist() {
        DynamoDbClient dynamo = dynamo();
        String name = leaseTable(dynamo);
        Map<String, ExpectedAttributeValue> notThere = Map.of(
                "leaseKey", ExpectedAttributeValue.builder().exists(false).build());
        dynamo.putItem(
                r -> r.tableName(name).item(lease("shardId-000000000000", null)).expected(notThere));

        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(name)
                        .item(lease("shardId-000000000000", "w"))
                        .expected(notThere)))
                .isInstanceOf(ConditionalCheckFailedException.class)
                .hasMessageStartingWith("The conditional request failed");
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(name)
                        .item(lease("shardId-000000000000", "w"))
                        .conditionExpression("attribute_not_exists(leaseKey)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(dynamo.getItem(r -> r.tableName(name).key(Map.of("leaseKey", s("shardId-000000000000"))))
                        .item())
                .doesNotContainKey("leaseOwner");
    }

    @Test
    void leaseChangesAsTheKclSerializerBuildsThem() {
        DynamoDbClient dynamo = dynamo();
        String name = leaseTable(dynamo);
        String key = "shardId-000000000002";
        dynamo.putItem(r -> r.tableName(name).item(lease(key, null)));

        // takeLease: expect the counter, put the owner and counter + 1, drop checkpointOwner, count an owner switch
        UpdateItemResponse taken = dynamo.updateItem(r -> r.tableName(name)
                .key(Map.of("leaseKey", s(key)))
                .expected(Map.of(
                        "leaseCounter",
                                ExpectedAttributeValue.builder().value(n(0)).build(),
                        "checkpointOwner",
                                ExpectedAttributeValue.builder().exists(false).build()))
                .attributeUpdates(Map.of(
                        "leaseCounter", put(n(1)),
                        "leaseOwner", put(s("worker-1")),
                        "checkpointOwner",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.DELETE)
                                        .build(),
                        "ownerSwitchesSinceCheckpoint",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.ADD)
                                        .value(n(1))
                                        .build()))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(taken.attributes())
                .containsEntry("leaseOwner", s("worker-1"))
                .containsEntry("leaseCounter", n(1))
                .containsEntry("ownerSwitchesSinceCheckpoint", n(1))
                .containsEntry("checkpoint", s("TRIM_HORIZON"));

        // renewLease with a stale counter fails, and returns the lease as it is when asked to
        assertThatThrownBy(() -> dynamo.updateItem(r -> r.tableName(name)
                        .key(Map.of("leaseKey", s(key)))
                        .expected(Map.of(
                                "leaseCounter",
                                ExpectedAttributeValue.builder().value(n(0)).build()))
                        .attributeUpdates(Map.of("leaseCounter", put(n(1))))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(
                        ConditionalCheckFailedException.class,
                        e -> assertThat(e.item())
                                .containsEntry("leaseCounter", n(1))
                                .containsEntry("leaseOwner", s("worker-1")));

        // updateLease (a checkpoint): expect the counter and the owner, put the checkpoint, delete pending ones
        dynamo.updateItem(r -> r.tableName(name)
                .key(Map.of("leaseKey", s(key)))
                .expected(Map.of(
                        "leaseCounter",
                                ExpectedAttributeValue.builder().value(n(1)).build(),
                        "leaseOwner",
                                ExpectedAttributeValue.builder()
                                        .value(s("worker-1"))
                                        .build()))
                .attributeUpdates(Map.of(
                        "leaseCounter", put(n(2)),
                        "checkpoint", put(s("49590338271490256608559692538361571095921575989136588898")),
                        "checkpointSubSequenceNumber", put(n(0)),
                        "ownerSwitchesSinceCheckpoint", put(n(0)),
                        "pendingCheckpoint",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.DELETE)
                                        .build())));

        // evictLease: drop the owner, add one to the counter
        UpdateItemResponse evicted = dynamo.updateItem(r -> r.tableName(name)
                .key(Map.of("leaseKey", s(key)))
                .expected(Map.of(
                        "leaseOwner",
                        ExpectedAttributeValue.builder().value(s("worker-1")).build()))
                .attributeUpdates(Map.of(
                        "leaseOwner",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.DELETE)
                                        .build(),
                        "leaseCounter",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.ADD)
                                        .value(n(1))
                                        .build()))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(evicted.attributes())
                .doesNotContainKey("leaseOwner")
                .containsEntry("leaseCounter", n(3))
                .containsEntry("checkpoint", s("49590338271490256608559692538361571095921575989136588898"));

        // an update of a lease that is not there fails on its expectation and creates nothing
        assertThatThrownBy(() -> dynamo.updateItem(r -> r.tableName(name)
                        .key(Map.of("leaseKey", s("shardId-000000000099")))
                        .expected(Map.of(
                                "leaseCounter",
                                ExpectedAttributeValue.builder().value(n(0)).build()))
                        .attributeUpdates(Map.of("leaseCounter", put(n(1))))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(dynamo.getItem(r -> r.tableName(name).key(Map.of("leaseKey", s("shardId-000000000099"))))
                        .hasItem())
                .isFalse();
        assertThatThrownBy(() -> dynamo.updateItem(r -> r.tableName(name)
                        .key(Map.of("leaseKey", s(key)))
                        .attributeUpdates(Map.of("leaseKey", put(s("other"))))))
                .isInstanceOf(AwsServiceException.class)
                .hasMessageContaining("Cannot update attribute leaseKey. This attribute is part of the key");
    }

    private static AttributeValueUpdate put(AttributeValue value) {
        return AttributeValueUpdate.builder()
                .action(AttributeAction.PUT)
                .value(value)
                .build();
    }

    @Test
    void updateExpressionsWithConditionsAsTheLockClientWritesThem() {
        DynamoDbClient dynamo = dynamo();
        String name = leaseTable(dynamo);
        Map<String, AttributeValue> key = Map.of("leaseKey", s("leader"));
        // acquire: put if not there
        dynamo.putItem(r -> r.tableName(name)
                .item(Map.of("leaseKey", s("leader"), "ownerName", s("w1"), "recordVersionNumber", s("v1")))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", "leaseKey")));

        // heartbeat: conditional on the version, a new version, a counter started with if_not_exists
        Map<String, AttributeValue> after = dynamo.updateItem(r -> r.tableName(name)
                        .key(key)
                        .conditionExpression("attribute_exists(#pk) AND #rvn = :rvn AND #on = :on")
                        .updateExpression("SET #rvn = :newRvn, #beats = if_not_exists(#beats, :zero) + :one REMOVE #d")
                        .expressionAttributeNames(Map.of(
                                "#pk", "leaseKey",
                                "#rvn", "recordVersionNumber",
                                "#on", "ownerName",
                                "#beats", "beats",
                                "#d", "data"))
                        .expressionAttributeValues(Map.of(
                                ":rvn", s("v1"), ":on", s("w1"), ":newRvn", s("v2"), ":zero", n(0), ":one", n(1)))
                        .returnValues(ReturnValue.ALL_NEW))
                .attributes();
        assertThat(after)
                .containsEntry("recordVersionNumber", s("v2"))
                .containsEntry("beats", n(1))
                .doesNotContainKey("data");

        // a stale version loses
        assertThatThrownBy(() -> dynamo.updateItem(r -> r.tableName(name)
                        .key(key)
                        .conditionExpression("#rvn = :rvn")
                        .updateExpression("SET #rvn = :newRvn")
                        .expressionAttributeNames(Map.of("#rvn", "recordVersionNumber"))
                        .expressionAttributeValues(Map.of(":rvn", s("v1"), ":newRvn", s("v3")))))
                .isInstanceOf(ConditionalCheckFailedException.class);

        // comparisons, NOT and OR, ADD on a number, UPDATED_NEW
        Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(name)
                        .key(key)
                        .conditionExpression("NOT (beats > :ten) AND (ownerName <> :w2 OR attribute_exists(nothing))")
                        .updateExpression("ADD beats :five SET lastUpdate = :now")
                        .expressionAttributeValues(
                                Map.of(":ten", n(10), ":w2", s("w2"), ":five", n(5), ":now", n(1700000000000L)))
                        .returnValues(ReturnValue.UPDATED_NEW))
                .attributes();
        assertThat(updated).containsOnly(Map.entry("beats", n(6)), Map.entry("lastUpdate", n(1700000000000L)));

        // release: delete on a condition, the deleted item returned
        assertThat(dynamo.deleteItem(r -> r.tableName(name)
                                .key(key)
                                .conditionExpression("attribute_exists(#pk) AND #on = :on")
                                .expressionAttributeNames(Map.of("#pk", "leaseKey", "#on", "ownerName"))
                                .expressionAttributeValues(Map.of(":on", s("w1")))
                                .returnValues(ReturnValue.ALL_OLD))
                        .attributes())
                .containsEntry("beats", n(6));
        assertThat(dynamo.getItem(r -> r.tableName(name).key(key)).hasItem()).isFalse();
    }

    @Test
    void malformedRequestsGetValidationExceptionsInDynamoDbsWords() {
        DynamoDbClient dynamo = dynamo();
        String name = leaseTable(dynamo);

        assertThat(errorOf(() -> dynamo.getItem(r -> r.tableName(name).key(Map.of("other", s("x"))))))
                .isEqualTo("400 ValidationException: The provided key element does not match the schema");
        assertThat(errorOf(() -> dynamo.putItem(r -> r.tableName(name).item(Map.of("leaseKey", n(1))))))
                .isEqualTo("400 ValidationException: One or more parameter values were invalid: Type mismatch for key"
                        + " leaseKey expected: S actual: N");
        assertThat(errorOf(() -> dynamo.putItem(r -> r.tableName(name)
                        .item(Map.of("leaseKey", s("k")))
                        .conditionExpression("attribute_not_exists(leaseKey)")
                        .expressionAttributeValues(Map.of(":unused", s("x"))))))
                .isEqualTo("400 ValidationException: Value provided in ExpressionAttributeValues unused in"
                        + " expressions: keys: {:unused}");
        assertThat(errorOf(() -> dynamo.putItem(r -> r.tableName(name)
                        .item(Map.of("leaseKey", s("k")))
                        .conditionExpression("leaseOwner = :missing"))))
                .isEqualTo("400 ValidationException: Invalid ConditionExpression: An expression attribute value used"
                        + " in expression is not defined; attribute value: :missing");
        assertThat(errorOf(() -> dynamo.updateItem(r -> r.tableName(name)
                        .key(Map.of("leaseKey", s("k")))
                        .updateExpression("SET = :v")
                        .expressionAttributeValues(Map.of(":v", s("x"))))))
                .startsWith("400 ValidationException: Invalid UpdateExpression: Syntax error; token: \"=\"");
        assertThat(errorOf(() -> dynamo.putItem(r -> r.tableName(name)
                        .item(Map.of("leaseKey", s("k")))
                        .conditionExpression("attribute_not_exists(leaseKey)")
                        .expected(Map.of(
                                "leaseKey",
                                ExpectedAttributeValue.builder().exists(false).build())))))
                .isEqualTo("400 ValidationException: Can not use both expression and non-expression parameters in"
                        + " the same request: Non-expression parameters: {Expected} Expression parameters:"
                        + " {ConditionExpression}");
        // what PostgreSQL cannot hold is refused before it gets there, not answered with a 500
        assertThat(errorOf(() -> dynamo.describeTable(r -> r.tableName("lease\u0000table"))))
                .startsWith("400 ValidationException: 1 validation error detected: Value at 'tableName' failed to"
                        + " satisfy constraint");
        assertThat(errorOf(() -> dynamo.describeTable(r -> r.tableName("ab"))))
                .startsWith("400 ValidationException: 1 validation error detected");
        assertThat(errorOf(() -> dynamo.putItem(r -> r.tableName(name).item(Map.of("leaseKey", s("k\u0000"))))))
                .startsWith("400 ValidationException: One or more parameter values were invalid: this lease store");
        assertThat(errorOf(() -> dynamo.updateItem(r -> r.tableName(name)
                        .key(Map.of("leaseKey", s("k")))
                        .updateExpression("SET #a = :v")
                        .expressionAttributeNames(Map.of("#a", "owner\u0000"))
                        .expressionAttributeValues(Map.of(":v", s("x"))))))
                .startsWith("400 ValidationException: One or more parameter values were invalid: this lease store");
    }

    private static String errorOf(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (AwsServiceException e) {
            return e.statusCode() + " " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage();
        }
    }

    @Test
    void scanPagesThroughEveryLeaseOnceAlsoInParallelSegments() {
        DynamoDbClient dynamo = dynamo();
        String name = leaseTable(dynamo);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            String key = "shardId-%012d".formatted(i);
            keys.add(key);
            dynamo.putItem(r -> r.tableName(name).item(lease(key, null)));
        }

        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(r -> r.tableName(name).limit(5).exclusiveStartKey(from));
            page.items().forEach(item -> seen.add(item.get("leaseKey").s()));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(5);
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(seen).hasSize(23).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(pages).isEqualTo(5);

        List<String> segmented = new ArrayList<>();
        for (int segment = 0; segment < 4; segment++) {
            int s = segment;
            dynamo.scanPaginator(r -> r.tableName(name).segment(s).totalSegments(4))
                    .items()
                    .forEach(item -> segmented.add(item.get("leaseKey").s()));
        }
        assertThat(segmented).hasSize(23).containsExactlyInAnyOrderElementsOf(keys);

        ScanResponse filtered = dynamo.scan(r -> r.tableName(name)
                .filterExpression("leaseKey = :k")
                .expressionAttributeValues(Map.of(":k", s("shardId-000000000007"))));
        assertThat(filtered.count()).isEqualTo(1);
        assertThat(filtered.scannedCount()).isEqualTo(23);
    }

    @Test
    void theLeaseOwnerIndexFindsAWorkersLeaseKeys() {
        DynamoDbClient dynamo = dynamo();
        String name = leaseTable(dynamo);
        for (int i = 0; i < 7; i++) {
            String key = "shardId-%012d".formatted(i);
            dynamo.putItem(r -> r.tableName(name)
                    .item(lease(
                            key,
                            key.endsWith("1") || key.endsWith("4") || key.endsWith("6") ? "worker-a" : "worker-b")));
        }
        dynamo.putItem(r -> r.tableName(name).item(lease("shardId-000000000100", null)));

        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(name)
                    .indexName(INDEX)
                    .keyConditionExpression("leaseOwner = :leaseOwner")
                    .expressionAttributeValues(Map.of(":leaseOwner", s("worker-a")))
                    .limit(2)
                    .exclusiveStartKey(from));
            page.items().forEach(item -> {
                assertThat(item).containsOnlyKeys("leaseKey", "leaseOwner"); // KEYS_ONLY
                keys.add(item.get("leaseKey").s());
            });
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);

        assertThat(keys).containsExactly("shardId-000000000001", "shardId-000000000004", "shardId-000000000006");
        assertThat(dynamo.query(r -> r.tableName(name)
                                .keyConditionExpression("leaseKey = :k")
                                .expressionAttributeValues(Map.of(":k", s("shardId-000000000003"))))
                        .items())
                .singleElement()
                .satisfies(item -> assertThat(item).containsEntry("leaseOwner", s("worker-b")));
    }

    @Test
    void racingConditionalUpdatesOfOneLeaseHaveExactlyOneWinnerEachRound() throws Exception {
        DynamoDbClient setup = dynamo();
        String name = leaseTable(setup);
        String key = "shardId-000000000000";
        setup.putItem(r -> r.tableName(name).item(lease(key, null)));
        List<DynamoDbClient> workers = List.of(dynamo("AKIDEXAMPLE", false), dynamo("AKIDEXAMPLE", false));

        for (long counter = 0; counter < 10; counter++) {
            long expected = counter;
            List<Runnable> takes = new ArrayList<>();
            for (int w = 0; w < workers.size(); w++) {
                DynamoDbClient worker = workers.get(w);
                String owner = "worker-" + w;
                takes.add(() -> worker.updateItem(r -> r.tableName(name)
                        .key(Map.of("leaseKey", s(key)))
                        .expected(Map.of(
                                "leaseCounter",
                                ExpectedAttributeValue.builder()
                                        .value(n(expected))
                                        .build()))
                        .attributeUpdates(Map.of(
                                "leaseCounter", put(n(expected + 1)),
                                "leaseOwner", put(s(owner))))));
            }
            List<String> outcomes = SimultaneousCalls.race(takes);

            assertThat(outcomes).containsExactlyInAnyOrder("ok", "400 ConditionalCheckFailedException");
            String winner = "worker-" + outcomes.indexOf("ok");
            assertThat(setup.getItem(r -> r.tableName(name)
                                    .key(Map.of("leaseKey", s(key)))
                                    .consistentRead(true))
                            .item())
                    .containsEntry("leaseCounter", n(expected + 1))
                    .containsEntry("leaseOwner", s(winner));
        }
    }

    @Test
    void callsOutsideTheLeaseStoreAreUnknownOperations() {
        DynamoDbClient dynamo = dynamo();
        String name = leaseTable(dynamo);

        assertThat(errorOf(() -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(
                        name,
                        List.of(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                .putRequest(p -> p.item(Map.of("leaseKey", s("k"))))
                                .build()))))))
                .startsWith("400 UnknownOperationException");
        assertThat(errorOf(() -> dynamo.transactGetItems(r ->
                        r.transactItems(t -> t.get(g -> g.tableName(name).key(Map.of("leaseKey", s("k"))))))))
                .startsWith("400 UnknownOperationException");
    }

    @Test
    void anotherAccountDoesNotSeeTheTable() {
        DynamoDbClient mine = dynamo("111122223333", true);
        DynamoDbClient theirs = dynamo("444455556666", true);
        String name = leaseTable(mine);
        mine.putItem(r -> r.tableName(name).item(lease("shardId-000000000000", "w")));

        assertThatThrownBy(() -> theirs.describeTable(r -> r.tableName(name)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> theirs.scan(r -> r.tableName(name))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(theirs.listTables().tableNames()).doesNotContain(name);

        // the same name is free for the other account, and its table is its own
        leaseTableNamed(theirs, name);
        assertThat(theirs.scan(r -> r.tableName(name)).count()).isZero();
        assertThat(mine.scan(r -> r.tableName(name)).count()).isEqualTo(1);
    }

    private static void leaseTableNamed(DynamoDbClient dynamo, String name) {
        dynamo.createTable(r -> r.tableName(name)
                .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }
}
