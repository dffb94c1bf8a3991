package dev.shardline.streams.lease;

import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.lease.Expression.Condition;
import dev.shardline.streams.lease.LeaseTable.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The items of the lease store's tables, in {@code streams.lease_item}. Every write is one transaction that holds the
 * table against its deletion and the item's key under a lock (a transaction-scoped advisory lock, which also covers a
 * key that has no row yet), reads the item, tests the write's condition against it, and only then writes: two
 * conditional updates of one lease are applied one after the other, and the second sees the first.
 */
@Service
class LeaseItems {

    /** DynamoDB's limit on an item's size. */
    static final int MAX_ITEM_BYTES = 400 * 1024;

    private static final JsonMapper JSON = JsonMapper.shared();

    private final LeaseTables tables;
    private final JdbcTemplate jdbc;

    LeaseItems(LeaseTables tables, JdbcTemplate jdbc) {
        this.tables = tables;
        this.jdbc = jdbc;
    }

    /**
     * One conditional write: the key it writes, its condition (null for none), and the item it leaves (null to delete
     * it) given the item that was there (an empty item where there was none).
     */
    record Write(
            Function<LeaseTable, Key> key,
            Condition condition,
            boolean returnItemOnFailure,
            BiFunction<LeaseTable, ObjectNode, ObjectNode> change) {}

    /** What a write found and left; either may be null (no item before, or the item deleted). */
    record Written(LeaseTable table, ObjectNode before, ObjectNode after) {}

    /** An item as stored, with its key. */
    record Row(Key key, ObjectNode item, int bytes) {}

    @Transactional
    Written write(AwsRequestContext ctx, String tableName, Write write) {
        LeaseTable table = tables.lockShared(ctx, tableName);
        Key key = write.key().apply(table);
        jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, lockId(table.id(), key));
        ObjectNode before = jdbc
                .query(
                        "select item::text from streams.lease_item where table_id = ? and hash_key = ? and range_key = ?"
                                + " for update",
                        (rs, n) -> parse(rs.getString(1)),
                        table.id(),
                        key.hash(),
                        key.range())
                .stream()
                .findFirst()
                .orElse(null);
        ObjectNode current = before == null ? AttributeValues.NODES.objectNode() : before;
        if (write.condition() != null && !write.condition().test(current)) {
            throw conditionFailed(write.returnItemOnFailure() ? before : null);
        }
        ObjectNode after = write.change().apply(table, current.deepCopy());
        if (after == null) {
            jdbc.update(
                    "delete from streams.lease_item where table_id = ? and hash_key = ? and range_key = ?",
                    table.id(),
                    key.hash(),
                    key.range());
        } else {
            String text = JSON.writeValueAsString(after);
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_ITEM_BYTES) {
                throw AwsErrorType.VALIDATION.exception("Item size has exceeded the maximum allowed size");
            }
            jdbc.update("""
                    insert into streams.lease_item (table_id, hash_key, range_key, item) values (?, ?, ?, ?::jsonb)
                    on conflict (table_id, hash_key, range_key) do update set item = excluded.item
                    """, table.id(), key.hash(), key.range(), text);
        }
        return new Written(table, before, after);
    }

    @Transactional(readOnly = true)
    Optional<ObjectNode> get(AwsRequestContext ctx, String tableName, ObjectNode key) {
        LeaseTable table = table(ctx, tableName);
        Key k = table.key(key);
        return jdbc
                .query(
                        "select item::text from streams.lease_item where table_id = ? and hash_key = ? and range_key = ?",
                        (rs, n) -> parse(rs.getString(1)),
                        table.id(),
                        k.hash(),
                        k.range())
                .stream()
                .findFirst();
    }

    @Transactional(readOnly = true)
    LeaseTable table(AwsRequestContext ctx, String tableName) {
        return tables.find(ctx, tableName).orElseThrow(LeaseTables::notFound);
    }

    /**
     * Items in key order after {@code after} (null: from the start), at most {@code limit}; of one segment of a
     * parallel scan where {@code totalSegments} is set.
     */
    @Transactional(readOnly = true)
    List<Row> scan(LeaseTable table, Key after, Integer segment, Integer totalSegments, int limit) {
        List<Object> args = new ArrayList<>(List.of(table.id()));
        StringBuilder sql =
                new StringBuilder("select hash_key, range_key, item::text from streams.lease_item where table_id = ?");
        if (after != null) {
            sql.append(" and (hash_key, range_key) > (?, ?)");
            args.add(after.hash());
            args.add(after.range());
        }
        if (totalSegments != null) {
            // a segment is a fixed share of the hash keys, as in DynamoDB: every item is in exactly one
            sql.append(" and mod(abs(hashtext(hash_key)::bigint), ?) = ?");
            args.add(totalSegments);
            args.add(segment);
        }
        sql.append(" order by hash_key, range_key limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), LeaseItems::row, args.toArray());
    }

    /** Every item whose {@code attribute} has {@code value}: the items of one hash key of a table or of an index. */
    @Transactional(readOnly = true)
    List<Row> withValue(LeaseTable table, String attribute, ObjectNode value) {
        if (attribute.equals(table.hashKey())) {
            String hash = value.get(AttributeValues.type(value)).stringValue();
            return jdbc.query(
                    "select hash_key, range_key, item::text from streams.lease_item where table_id = ? and hash_key = ?",
                    LeaseItems::row,
                    table.id(),
                    hash);
        }
        return jdbc.query(
                "select hash_key, range_key, item::text from streams.lease_item where table_id = ? and item -> ? = ?::jsonb",
                LeaseItems::row,
                table.id(),
                attribute,
                JSON.writeValueAsString(value));
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String text = rs.getString(3);
        return new Row(new Key(rs.getString(1), rs.getString(2)), parse(text), text.length());
    }

    private static ObjectNode parse(String text) {
        return (ObjectNode) JSON.readTree(text);
    }

    static AwsException conditionFailed(ObjectNode item) {
        return new AwsException(
                AwsErrorType.CONDITIONAL_CHECK_FAILED,
                "The conditional request failed",
                item == null ? Map.of() : Map.of("Item", item));
    }

    /** A 64-bit FNV-1a hash of the table and key: writers of one key queue on it (a rare collision only queues more). */
    private static long lockId(UUID table, Key key) {
        long hash = 0xcbf29ce484222325L ^ table.getMostSignificantBits() ^ table.getLeastSignificantBits();
        for (String part : List.of(key.hash(), "\0", key.range())) {
            for (int i = 0; i < part.length(); i++) {
                hash ^= part.charAt(i);
                hash *= 0x100000001b3L;
            }
        }
        return hash;
    }
}
