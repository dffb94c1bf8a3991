package dev.shardline.streams.consumer;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The leases that allow one SubscribeToShard per consumer and shard at a time across all instances. Times are the
 * database's, so instances with skewed clocks agree on when a lease has run out.
 */
@Component
class SubscriptionLeases {

    /** A lease outlives a missed renewal or two; an instance that died frees its shards after this. */
    static final Duration LEASE_TIME = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;

    SubscriptionLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the lease unless someone holds it. */
    boolean acquire(UUID consumerId, int shardIndex, UUID holder) {
        return jdbc.update("""
                        insert into streams.consumer_subscription (consumer_id, shard_index, holder, expires_at)
                        values (?, ?, ?, now() + ? * interval '1 millisecond')
                        on conflict (consumer_id, shard_index) do update
                            set holder = excluded.holder, expires_at = excluded.expires_at
                            where streams.consumer_subscription.expires_at < now()
                        """, consumerId, shardIndex, holder, LEASE_TIME.toMillis()) == 1;
    }

    /** Extends the lease; false when it was lost or the consumer is no longer ACTIVE. */
    boolean renew(UUID consumerId, int shardIndex, UUID holder) {
        return jdbc.update("""
                        update streams.consumer_subscription s
                        set expires_at = now() + ? * interval '1 millisecond'
                        where s.consumer_id = ? and s.shard_index = ? and s.holder = ?
                          and exists (select 1 from streams.consumer c where c.id = s.consumer_id and c.status = 'ACTIVE')
                        """, LEASE_TIME.toMillis(), consumerId, shardIndex, holder) == 1;
    }

    void release(UUID consumerId, int shardIndex, UUID holder) {
        jdbc.update(
                "delete from streams.consumer_subscription where consumer_id = ? and shard_index = ? and holder = ?",
                consumerId,
                shardIndex,
                holder);
    }
}
