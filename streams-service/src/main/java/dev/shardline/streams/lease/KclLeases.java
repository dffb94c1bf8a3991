package dev.shardline.streams.lease;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The KCL's lease tables of an account, read as the KCL wrote them, for a view of the applications that read its
 * streams. A lease table is a table whose hash key is {@code leaseKey}; the KCL's other tables (coordinator state,
 * worker metrics) are keyed otherwise and left out.
 */
@Component
public class KclLeases {

    private final JdbcTemplate jdbc;

    KclLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A lease table (the application's name, unless it was configured otherwise) and its leases. */
    public record KclLeaseTable(String name, Instant createdAt, List<KclLease> leases) {}

    /**
     * One lease, in the KCL's attribute names. {@code streamName} and {@code shardId} are set only in multi-stream
     * mode, where {@code streamName} is the stream's identifier {@code account:name:creationEpochSeconds}.
     */
    public record KclLease(
            String leaseKey,
            String leaseOwner,
            Long leaseCounter,
            String checkpoint,
            Long checkpointSubSequenceNumber,
            Long ownerSwitchesSinceCheckpoint,
            String streamName,
            String shardId) {}

    @Transactional(readOnly = true)
    public List<KclLeaseTable> tables(String accountId, String region) {
        Map<String, KclLeaseTable> tables = new LinkedHashMap<>();
        jdbc.query(
                """
                select t.name, t.created_at,
                       i.item -> 'leaseKey' ->> 'S' as lease_key,
                       i.item -> 'leaseOwner' ->> 'S' as lease_owner,
                       i.item -> 'leaseCounter' ->> 'N' as lease_counter,
                       i.item -> 'checkpoint' ->> 'S' as checkpoint,
                       i.item -> 'checkpointSubSequenceNumber' ->> 'N' as checkpoint_sub,
                       i.item -> 'ownerSwitchesSinceCheckpoint' ->> 'N' as owner_switches,
                       i.item -> 'streamName' ->> 'S' as stream_name,
                       i.item -> 'shardId' ->> 'S' as shard_id
                from streams.lease_table t left join streams.lease_item i on i.table_id = t.id
                where t.account_id = ? and t.region = ?
                  and t.definition -> 'KeySchema' @> '[{"AttributeName": "leaseKey", "KeyType": "HASH"}]'
                order by t.name collate "C", i.hash_key
                """,
                (ResultSet rs) -> {
                    KclLeaseTable table = tables.computeIfAbsent(
                            rs.getString("name"), name -> new KclLeaseTable(name, createdAt(rs), new ArrayList<>()));
                    if (rs.getString("lease_key") != null) {
                        table.leases()
                                .add(new KclLease(
                                        rs.getString("lease_key"),
                                        rs.getString("lease_owner"),
                                        number(rs.getString("lease_counter")),
                                        rs.getString("checkpoint"),
                                        number(rs.getString("checkpoint_sub")),
                                        number(rs.getString("owner_switches")),
                                        rs.getString("stream_name"),
                                        rs.getString("shard_id")));
                    }
                },
                accountId,
                region);
        return List.copyOf(tables.values());
    }

    private static Instant createdAt(ResultSet rs) {
        try {
            return rs.getTimestamp("created_at").toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A number attribute as the KCL writes it (an integer); anything else is shown as absent. */
    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException notAnInteger) {
            return null;
        }
    }
}
