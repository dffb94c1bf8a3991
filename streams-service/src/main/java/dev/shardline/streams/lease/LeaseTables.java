package dev.shardline.streams.lease;

import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsWireFormat;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** The lease store's tables, per account and region, in {@code streams.lease_table}. */
@Component
class LeaseTables {

    // DynamoDB's member names, as DescribeTable shows them
    private static final ObjectMapper DEFINITIONS = AwsWireFormat.JSON.mapper();
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final JdbcTemplate jdbc;

    LeaseTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the account already has a table of that name in that region */
    boolean insert(LeaseTable table) {
        checkName(table.name(), "tableName");
        return jdbc.update(
                        """
                        insert into streams.lease_table (id, account_id, region, name, definition, created_at)
                        values (?, ?, ?, ?, ?::jsonb, ?)
                        on conflict (account_id, region, name) do nothing
                        """,
                        table.id(),
                        table.accountId(),
                        table.region(),
                        table.name(),
                        DEFINITIONS.writeValueAsString(table.definition()),
                        Timestamp.from(table.createdAt()))
                == 1;
    }

    Optional<LeaseTable> find(AwsRequestContext ctx, String name) {
        checkName(name, "tableName");
        return jdbc
                .query(
                        "select * from streams.lease_table where account_id = ? and region = ? and name = ?",
                        LeaseTables::row,
                        ctx.accountId(),
                        ctx.region(),
                        name)
                .stream()
                .findFirst();
    }

    /**
     * The table, locked against its deletion (and its changes) until the transaction ends: what an item write holds
     * while it runs.
     */
    LeaseTable lockShared(AwsRequestContext ctx, String name) {
        checkName(name, "tableName");
        return jdbc
                .query(
                        "select * from streams.lease_table where account_id = ? and region = ? and name = ? for share",
                        LeaseTables::row,
                        ctx.accountId(),
                        ctx.region(),
                        name)
                .stream()
                .findFirst()
                .orElseThrow(LeaseTables::notFound);
    }

    /** The table, locked for a change of its definition or its deletion. */
    Optional<LeaseTable> lockForUpdate(AwsRequestContext ctx, String name) {
        checkName(name, "tableName");
        return jdbc
                .query(
                        "select * from streams.lease_table where account_id = ? and region = ? and name = ? for update",
                        LeaseTables::row,
                        ctx.accountId(),
                        ctx.region(),
                        name)
                .stream()
                .findFirst();
    }

    /**
     * A table name as DynamoDB allows it (3 to 255 of {@code [a-zA-Z0-9_.-]}), checked before it reaches a query: the
     * model leaves TableName open (it may be an ARN in AWS, which this store does not take).
     */
    static void checkName(String name, String member) {
        if (name == null
                || name.length() < 3
                || name.length() > 255
                || !TABLE_NAME.matcher(name).matches()) {
            throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
                    + " and have length between 3 and 255");
        }
    }

    void update(LeaseTable table) {
        jdbc.update(
                "update streams.lease_table set definition = ?::jsonb where id = ?",
                DEFINITIONS.writeValueAsString(table.definition()),
                table.id());
    }

    void delete(LeaseTable table) {
        jdbc.update("delete from streams.lease_table where id = ?", table.id());
    }

    List<String> names(AwsRequestContext ctx, String after, int limit) {
        if (after != null) {
            checkName(after, "exclusiveStartTableName");
        }
        return jdbc.queryForList("""
                select name from streams.lease_table where account_id = ? and region = ? and name > ?
                order by name collate "C" limit ?
                """, String.class, ctx.accountId(), ctx.region(), after == null ? "" : after, limit);
    }

    /** How many items a table holds and their size (as stored text, near enough to DynamoDB's item sizes). */
    record Usage(long itemCount, long sizeBytes) {}

    Usage usage(LeaseTable table) {
        return jdbc.queryForObject(
                "select count(*), coalesce(sum(octet_length(item::text)), 0) from streams.lease_item where table_id = ?",
                (rs, n) -> new Usage(rs.getLong(1), rs.getLong(2)),
                table.id());
    }

    /** The answer to any call on a table that the account does not have. */
    static AwsException notFound() {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception("Requested resource not found");
    }

    private static LeaseTable row(ResultSet rs, int rowNum) throws SQLException {
        return new LeaseTable(
                rs.getObject("id", UUID.class),
                rs.getString("account_id"),
                rs.getString("region"),
                rs.getString("name"),
                DEFINITIONS.readValue(rs.getString("definition"), LeaseTable.Definition.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
