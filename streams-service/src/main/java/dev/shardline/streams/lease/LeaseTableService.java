package dev.shardline.streams.lease;

import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, changing and deleting the lease store's tables; each change under the table's row lock. */
@Service
class LeaseTableService {

    private final LeaseTables tables;

    LeaseTableService(LeaseTables tables) {
        this.tables = tables;
    }

    /** A table and how many items it holds. */
    record Described(LeaseTable table, LeaseTables.Usage usage) {}

    @Transactional
    LeaseTable create(LeaseTable table) {
        if (!tables.insert(table)) {
            throw AwsErrorType.RESOURCE_IN_USE.exception("Table already exists: " + table.name());
        }
        return table;
    }

    @Transactional(readOnly = true)
    Described describe(AwsRequestContext ctx, String name) {
        LeaseTable table = tables.find(ctx, name)
                .orElseThrow(() -> AwsErrorType.RESOURCE_NOT_FOUND.exception(
                        "Requested resource not found: Table: " + name + " not found"));
        return new Described(table, tables.usage(table));
    }

    @Transactional
    Described delete(AwsRequestContext ctx, String name) {
        LeaseTable table = tables.lockForUpdate(ctx, name)
                .orElseThrow(() -> AwsErrorType.RESOURCE_NOT_FOUND.exception(
                        "Requested resource not found: Table: " + name + " not found"));
        if (table.definition().deletionProtectionEnabled()) {
            throw AwsErrorType.VALIDATION.exception("Resource cannot be deleted as it is currently protected against"
                    + " deletion. Disable deletion protection first.");
        }
        LeaseTables.Usage items = tables.usage(table);
        tables.delete(table);
        return new Described(table, items);
    }

    @Transactional
    Described change(AwsRequestContext ctx, String name, UnaryOperator<LeaseTable.Definition> change) {
        LeaseTable table = tables.lockForUpdate(ctx, name).orElseThrow(LeaseTables::notFound);
        LeaseTable changed = new LeaseTable(
                table.id(),
                table.accountId(),
                table.region(),
                table.name(),
                change.apply(table.definition()),
                table.createdAt());
        tables.update(changed);
        return new Described(changed, tables.usage(changed));
    }

    @Transactional(readOnly = true)
    List<String> names(AwsRequestContext ctx, String after, int limit) {
        return tables.names(ctx, after, limit);
    }
}
