package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.streams.StreamsIntegrationTest;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilter;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;

/**
 * ListShards' ShardFilter over a stream with a history: shard 0 split into 1 and 2, then 1 and 2 merged into 3. A
 * timestamp taken between the split and the merge tells the filters apart.
 */
class ListShardsFilterTest extends StreamsIntegrationTest {

    private static final BigInteger MIDDLE = BigInteger.TWO.pow(127);

    @Autowired
    JdbcTemplate jdbc;

    private KinesisClient kinesis;
    private String name;
    private Instant created;
    private Instant betweenSplitAndMerge;

    @BeforeEach
    void streamWithASplitAndAMerge() {
        kinesis = kinesis(false);
        created = Instant.now();
        name = activeStream(kinesis, 1);
        kinesis.splitShard(
                r -> r.streamName(name).shardToSplit("shardId-000000000000").newStartingHashKey(MIDDLE.toString()));
        awaitActive(kinesis, name);
        betweenSplitAndMerge = Instant.now().plusMillis(5);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(betweenSplitAndMerge.plusMillis(5)));
        kinesis.mergeShards(r ->
                r.streamName(name).shardToMerge("shardId-000000000001").adjacentShardToMerge("shardId-000000000002"));
        awaitActive(kinesis, name);
    }

    private List<String> listed(Consumer<ShardFilter.Builder> filter) {
        return kinesis.listShards(r -> r.streamName(name).shardFilter(filter)).shards().stream()
                .map(Shard::shardId)
                .map(id -> id.substring(id.length() - 1))
                .toList();
    }

    @Test
    void eachFilterTypeSelectsItsShards() {
        assertThat(listed(f -> f.type(ShardFilterType.AT_TRIM_HORIZON)))
                .as("open at the trim horizon")
                .containsExactly("0");
        assertThat(listed(f -> f.type(ShardFilterType.FROM_TRIM_HORIZON))).containsExactly("0", "1", "2", "3");
        assertThat(listed(f -> f.type(ShardFilterType.AT_LATEST))).containsExactly("3");
        assertThat(listed(f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(betweenSplitAndMerge)))
                .containsExactly("1", "2");
        assertThat(listed(f -> f.type(ShardFilterType.FROM_TIMESTAMP).timestamp(betweenSplitAndMerge)))
                .as("open then, or opened since")
                .containsExactly("1", "2", "3");
        assertThat(listed(f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000001")))
                .containsExactly("2", "3");
    }

    @Test
    void aTimestampBeforeTheStreamCountsAsItsCreation() {
        Instant longBefore = created.minus(Duration.ofDays(3));

        assertThat(listed(f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(longBefore)))
                .containsExactly("0");
        assertThat(listed(f -> f.type(ShardFilterType.FROM_TIMESTAMP).timestamp(longBefore)))
                .containsExactly("0", "1", "2", "3");
    }

    @Test
    void timestampFiltersWithoutATimestampAreRefused() {
        assertThatThrownBy(() -> listed(f -> f.type(ShardFilterType.AT_TIMESTAMP)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Must specify Timestamp for ShardFilter of type AT_TIMESTAMP.");
        assertThatThrownBy(() -> listed(f -> f.type(ShardFilterType.AFTER_SHARD_ID)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Must specify ShardId for ShardFilter of type AFTER_SHARD_ID.");
    }

    @Test
    void aShardClosedLongerThanTheRetentionPeriodIsNoLongerListed() {
        // Shard 0 closed 25 hours ago: its records are past the 24-hour retention, so AWS no longer lists it.
        jdbc.update(
                "update streams.shard set closed_at = now() - interval '25 hours' where shard_index = 0"
                        + " and stream_id = (select id from streams.stream where name = ?)",
                name);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(listed(f -> f.type(ShardFilterType.FROM_TRIM_HORIZON)))
                        .containsExactly("1", "2", "3"));
        assertThat(kinesis.listShards(r -> r.streamName(name)).shards())
                .extracting(Shard::shardId)
                .doesNotContain("shardId-000000000000");
        assertThat(kinesis.describeStream(r -> r.streamName(name))
                        .streamDescription()
                        .shards())
                .extracting(Shard::shardId)
                .doesNotContain("shardId-000000000000");
    }
}
