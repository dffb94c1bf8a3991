package dev.shardline.streams.lease;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.lease.LeaseTable.AttributeDefinition;
import dev.shardline.streams.lease.LeaseTable.Definition;
import dev.shardline.streams.lease.LeaseTable.Index;
import dev.shardline.streams.lease.LeaseTable.KeySchemaElement;
import dev.shardline.streams.lease.LeaseTable.Projection;
import dev.shardline.streams.lease.LeaseTable.ProvisionedThroughput;
import dev.shardline.streams.lease.LeaseTable.Tag;
import dev.shardline.streams.lease.LeaseTableService.Described;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The table calls of the lease store on the DynamoDB wire: CreateTable, DescribeTable, UpdateTable (billing, throughput,
 * deletion protection, creating and deleting a global secondary index), DeleteTable, ListTables, and the
 * point-in-time-recovery switch the KCL flips (UpdateContinuousBackups, DescribeContinuousBackups).
 */
@Component
class LeaseTableActions {

    private static final int MAX_LIST = 100;

    private final LeaseTableService service;

    LeaseTableActions(LeaseTableService service) {
        this.service = service;
    }

    record CreateTableRequest(
            String tableName,
            List<AttributeDefinition> attributeDefinitions,
            List<KeySchemaElement> keySchema,
            List<Index> globalSecondaryIndexes,
            List<Index> localSecondaryIndexes,
            String billingMode,
            ProvisionedThroughput provisionedThroughput,
            Boolean deletionProtectionEnabled,
            List<Tag> tags) {}

    record TableRequest(String tableName) {}

    record GlobalSecondaryIndexUpdate(Index create, Index delete, Index update) {}

    record UpdateTableRequest(
            String tableName,
            List<AttributeDefinition> attributeDefinitions,
            String billingMode,
            ProvisionedThroughput provisionedThroughput,
            List<GlobalSecondaryIndexUpdate> globalSecondaryIndexUpdates,
            Boolean deletionProtectionEnabled) {}

    record ListTablesRequest(String exclusiveStartTableName, Integer limit) {}

    record PointInTimeRecoverySpecification(Boolean pointInTimeRecoveryEnabled) {}

    record UpdateContinuousBackupsRequest(
            String tableName, PointInTimeRecoverySpecification pointInTimeRecoverySpecification) {}

    record ProvisionedThroughputDescription(
            Long numberOfDecreasesToday, Long readCapacityUnits, Long writeCapacityUnits) {}

    record BillingModeSummary(String billingMode) {}

    record IndexDescription(
            String indexName,
            List<KeySchemaElement> keySchema,
            Projection projection,
            String indexStatus,
            ProvisionedThroughputDescription provisionedThroughput,
            Long indexSizeBytes,
            Long itemCount,
            String indexArn) {}

    record TableDescription(
            List<AttributeDefinition> attributeDefinitions,
            String tableName,
            List<KeySchemaElement> keySchema,
            String tableStatus,
            Instant creationDateTime,
            ProvisionedThroughputDescription provisionedThroughput,
            Long tableSizeBytes,
            Long itemCount,
            String tableArn,
            String tableId,
            BillingModeSummary billingModeSummary,
            List<IndexDescription> globalSecondaryIndexes,
            Boolean deletionProtectionEnabled) {}

    record CreateTableResponse(TableDescription tableDescription) {}

    record DescribeTableResponse(TableDescription table) {}

    record UpdateTableResponse(TableDescription tableDescription) {}

    record DeleteTableResponse(TableDescription tableDescription) {}

    record ListTablesResponse(List<String> tableNames, String lastEvaluatedTableName) {}

    record PointInTimeRecoveryDescription(String pointInTimeRecoveryStatus) {}

    record ContinuousBackupsDescription(
            String continuousBackupsStatus, PointInTimeRecoveryDescription pointInTimeRecoveryDescription) {}

    record ContinuousBackupsResponse(ContinuousBackupsDescription continuousBackupsDescription) {}

    List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("CreateTable", CreateTableRequest.class, this::createTable),
                AwsAction.of("DescribeTable", TableRequest.class, this::describeTable),
                AwsAction.of("UpdateTable", UpdateTableRequest.class, this::updateTable),
                AwsAction.of("DeleteTable", TableRequest.class, this::deleteTable),
                AwsAction.of("ListTables", ListTablesRequest.class, this::listTables),
                AwsAction.of(
                        "UpdateContinuousBackups", UpdateContinuousBackupsRequest.class, this::updateContinuousBackups),
                AwsAction.of("DescribeContinuousBackups", TableRequest.class, this::describeContinuousBackups));
    }

    private CreateTableResponse createTable(CreateTableRequest request, AwsRequestContext ctx) {
        if (request.localSecondaryIndexes() != null) {
            throw AwsErrorType.VALIDATION.exception(
                    "Local secondary indexes are not supported by Shardline's lease store");
        }
        List<Index> indexes = request.globalSecondaryIndexes() == null ? List.of() : request.globalSecondaryIndexes();
        if (indexes.stream().anyMatch(Objects::isNull) || request.attributeDefinitions() == null) {
            throw AwsErrorType.VALIDATION.exception("One or more parameter values were invalid: Some index key"
                    + " attributes are not defined in AttributeDefinitions");
        }
        checkKeySchema(request.keySchema(), "KeySchema");
        indexes.forEach(index -> checkKeySchema(index.keySchema(), "Index KeySchema"));
        checkAttributeDefinitions(request.attributeDefinitions(), request.keySchema(), indexes);
        String billingMode = request.billingMode() == null ? "PROVISIONED" : request.billingMode();
        checkThroughput(billingMode, request.provisionedThroughput());
        Definition definition = new Definition(
                request.attributeDefinitions(),
                request.keySchema(),
                indexes.stream().map(LeaseTableActions::indexOf).toList(),
                billingMode,
                request.provisionedThroughput(),
                Boolean.TRUE.equals(request.deletionProtectionEnabled()),
                false,
                request.tags() == null ? List.of() : request.tags());
        LeaseTable table = service.create(new LeaseTable(
                UUID.randomUUID(), ctx.accountId(), ctx.region(), request.tableName(), definition, Instant.now()));
        return new CreateTableResponse(description(new Described(table, new LeaseTables.Usage(0, 0)), "ACTIVE"));
    }

    private DescribeTableResponse describeTable(TableRequest request, AwsRequestContext ctx) {
        return new DescribeTableResponse(description(service.describe(ctx, request.tableName()), "ACTIVE"));
    }

    private DeleteTableResponse deleteTable(TableRequest request, AwsRequestContext ctx) {
        return new DeleteTableResponse(description(service.delete(ctx, request.tableName()), "DELETING"));
    }

    private UpdateTableResponse updateTable(UpdateTableRequest request, AwsRequestContext ctx) {
        Described updated = service.change(ctx, request.tableName(), current -> {
            List<AttributeDefinition> definitions = new ArrayList<>(current.attributeDefinitions());
            if (request.attributeDefinitions() != null) {
                for (AttributeDefinition d : request.attributeDefinitions()) {
                    if (d == null || d.attributeName() == null) {
                        continue; // the model requires both members; a null among them is left out
                    }
                    definitions.removeIf(existing -> existing.attributeName().equals(d.attributeName()));
                    definitions.add(d);
                }
            }
            List<Index> indexes = new ArrayList<>(current.globalSecondaryIndexes());
            if (request.globalSecondaryIndexUpdates() != null) {
                for (GlobalSecondaryIndexUpdate update : request.globalSecondaryIndexUpdates()) {
                    if (update == null) {
                        continue;
                    }
                    if (update.create() != null) {
                        Index index = update.create();
                        if (indexes.stream().anyMatch(i -> i.indexName().equals(index.indexName()))) {
                            throw AwsErrorType.VALIDATION.exception(
                                    "One or more parameter values were invalid: Index with name: " + index.indexName()
                                            + " already exists");
                        }
                        checkKeySchema(index.keySchema(), "Index KeySchema");
                        indexes.add(indexOf(index));
                    } else if (update.delete() != null) {
                        String name = update.delete().indexName();
                        if (!indexes.removeIf(i -> i.indexName().equals(name))) {
                            throw AwsErrorType.RESOURCE_NOT_FOUND.exception(
                                    "Requested resource not found: Index: " + name + " not found");
                        }
                    }
                }
            }
            checkAttributeDefinitions(definitions, current.keySchema(), indexes);
            String billingMode = request.billingMode() != null ? request.billingMode() : current.billingMode();
            ProvisionedThroughput throughput = request.provisionedThroughput() != null
                    ? request.provisionedThroughput()
                    : LeaseTable.PAY_PER_REQUEST.equals(billingMode) ? null : current.provisionedThroughput();
            checkThroughput(billingMode, throughput);
            return new Definition(
                    definitions,
                    current.keySchema(),
                    indexes,
                    billingMode,
                    throughput,
                    request.deletionProtectionEnabled() != null
                            ? request.deletionProtectionEnabled()
                            : current.deletionProtectionEnabled(),
                    current.pointInTimeRecoveryEnabled(),
                    current.tags());
        });
        return new UpdateTableResponse(description(updated, "ACTIVE"));
    }

    private ListTablesResponse listTables(ListTablesRequest request, AwsRequestContext ctx) {
        int limit = request.limit() == null ? MAX_LIST : request.limit();
        List<String> names = service.names(ctx, request.exclusiveStartTableName(), limit + 1);
        if (names.size() > limit) {
            List<String> page = names.subList(0, limit);
            return new ListTablesResponse(page, page.get(page.size() - 1));
        }
        return new ListTablesResponse(names, null);
    }

    private ContinuousBackupsResponse updateContinuousBackups(
            UpdateContinuousBackupsRequest request, AwsRequestContext ctx) {
        boolean enabled = request.pointInTimeRecoverySpecification() != null
                && Boolean.TRUE.equals(
                        request.pointInTimeRecoverySpecification().pointInTimeRecoveryEnabled());
        Described updated = service.change(
                ctx,
                request.tableName(),
                d -> new Definition(
                        d.attributeDefinitions(),
                        d.keySchema(),
                        d.globalSecondaryIndexes(),
                        d.billingMode(),
                        d.provisionedThroughput(),
                        d.deletionProtectionEnabled(),
                        enabled,
                        d.tags()));
        return backups(updated.table());
    }

    private ContinuousBackupsResponse describeContinuousBackups(TableRequest request, AwsRequestContext ctx) {
        return backups(service.describe(ctx, request.tableName()).table());
    }

    private static ContinuousBackupsResponse backups(LeaseTable table) {
        return new ContinuousBackupsResponse(new ContinuousBackupsDescription(
                "ENABLED",
                new PointInTimeRecoveryDescription(
                        table.definition().pointInTimeRecoveryEnabled() ? "ENABLED" : "DISABLED")));
    }

    private static Index indexOf(Index requested) {
        Projection projection = requested.projection() == null ? new Projection("ALL", null) : requested.projection();
        return new Index(requested.indexName(), requested.keySchema(), projection, requested.provisionedThroughput());
    }

    private static void checkKeySchema(List<KeySchemaElement> schema, String what) {
        if (schema == null || schema.isEmpty() || schema.stream().anyMatch(Objects::isNull)) {
            throw AwsErrorType.VALIDATION.exception(
                    "Invalid " + what + ": The first KeySchemaElement is not a HASH" + " key type");
        }
        long hashes = schema.stream().filter(e -> "HASH".equals(e.keyType())).count();
        long ranges = schema.stream().filter(e -> "RANGE".equals(e.keyType())).count();
        if (hashes != 1
                || ranges > 1
                || schema.size() != hashes + ranges
                || !"HASH".equals(schema.get(0).keyType())) {
            throw AwsErrorType.VALIDATION.exception("Invalid " + what
                    + ": The first KeySchemaElement is not a HASH key type"
                    + (hashes == 1 && schema.size() <= 2 ? "" : " or the KeySchema has too many elements"));
        }
        if (schema.size() == 2
                && schema.get(0).attributeName().equals(schema.get(1).attributeName())) {
            throw AwsErrorType.VALIDATION.exception(
                    "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
    }

    private static void checkAttributeDefinitions(
            List<AttributeDefinition> definitions, List<KeySchemaElement> keySchema, List<Index> indexes) {
        Set<String> keys = new TreeSet<>();
        keySchema.forEach(e -> keys.add(String.valueOf(e.attributeName())));
        indexes.forEach(i -> i.keySchema().forEach(e -> keys.add(String.valueOf(e.attributeName()))));
        Set<String> defined = new HashSet<>();
        for (AttributeDefinition d : definitions) {
            if (d == null
                    || d.attributeName() == null
                    || !List.of("S", "N", "B").contains(d.attributeType())) {
                throw AwsErrorType.VALIDATION.exception(
                        "One or more parameter values were invalid: Member must satisfy enum value set: [B, N, S]");
            }
            defined.add(d.attributeName());
        }
        Set<String> missing = new TreeSet<>(keys);
        missing.removeAll(defined);
        if (!missing.isEmpty()) {
            throw AwsErrorType.VALIDATION.exception("One or more parameter values were invalid: Some index key"
                    + " attributes are not defined in AttributeDefinitions. Keys: " + missing
                    + ", AttributeDefinitions: " + defined);
        }
        if (!keys.equals(defined)) {
            throw AwsErrorType.VALIDATION.exception("One or more parameter values were invalid: Number of attributes"
                    + " in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
    }

    private static void checkThroughput(String billingMode, ProvisionedThroughput throughput) {
        if (LeaseTable.PAY_PER_REQUEST.equals(billingMode)) {
            if (throughput != null) {
                throw AwsErrorType.VALIDATION.exception("One or more parameter values were invalid: Neither"
                        + " ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is"
                        + " PAY_PER_REQUEST");
            }
        } else if (throughput == null
                || throughput.readCapacityUnits() == null
                || throughput.writeCapacityUnits() == null) {
            throw AwsErrorType.VALIDATION.exception("One or more parameter values were invalid: ReadCapacityUnits and"
                    + " WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
    }

    static TableDescription description(Described described, String status) {
        LeaseTable table = described.table();
        Definition d = table.definition();
        boolean onDemand = LeaseTable.PAY_PER_REQUEST.equals(d.billingMode());
        List<IndexDescription> indexes = d.globalSecondaryIndexes().stream()
                .map(i -> new IndexDescription(
                        i.indexName(),
                        i.keySchema(),
                        i.projection(),
                        "ACTIVE",
                        throughput(
                                onDemand
                                        ? null
                                        : i.provisionedThroughput() != null
                                                ? i.provisionedThroughput()
                                                : d.provisionedThroughput()),
                        0L,
                        0L,
                        table.arn() + "/index/" + i.indexName()))
                .toList();
        return new TableDescription(
                d.attributeDefinitions(),
                table.name(),
                d.keySchema(),
                status,
                table.createdAt(),
                throughput(onDemand ? null : d.provisionedThroughput()),
                described.usage().sizeBytes(),
                described.usage().itemCount(),
                table.arn(),
                table.id().toString(),
                new BillingModeSummary(d.billingMode()),
                indexes.isEmpty() ? null : indexes,
                d.deletionProtectionEnabled());
    }

    private static ProvisionedThroughputDescription throughput(ProvisionedThroughput throughput) {
        return throughput == null
                ? new ProvisionedThroughputDescription(0L, 0L, 0L)
                : new ProvisionedThroughputDescription(
                        0L, throughput.readCapacityUnits(), throughput.writeCapacityUnits());
    }
}
