package dev.shardline.streams.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.kinesis.HashKeyRange;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReshardPlanTest {

    private static List<ShardView> uniform(int count) {
        List<HashKeyRange> ranges = HashKeyRange.divide(count);
        List<ShardView> shards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shards.add(new ShardView(i, null, null, ranges.get(i), Instant.EPOCH, null, null));
        }
        return shards;
    }

    @Test
    void splitClosesTheParentAndOpensTwoChildrenThatCoverItsRange() {
        BigInteger middle = BigInteger.TWO.pow(127);

        ReshardPlan plan = new ReshardPlan(uniform(1), 1).split(0, middle);

        assertThat(plan.closedShards()).containsExactly(0);
        assertThat(plan.newShards())
                .containsExactly(
                        new ReshardPlan.NewShard(
                                1, 0, null, new HashKeyRange(BigInteger.ZERO, middle.subtract(BigInteger.ONE))),
                        new ReshardPlan.NewShard(2, 0, null, new HashKeyRange(middle, HashKeyRange.MAX_HASH_KEY)));
        assertThat(plan.openAfter()).containsExactly(1, 2);
    }

    @Test
    void mergeJoinsTwoAdjacentShardsWithBothAsParents() {
        ReshardPlan plan = new ReshardPlan(uniform(3), 3).merge(2, 1);

        assertThat(plan.newShards()).singleElement().satisfies(s -> {
            assertThat(s.parentIndex()).isEqualTo(2);
            assertThat(s.adjacentParentIndex()).isEqualTo(1);
            assertThat(s.range().start())
                    .isEqualTo(HashKeyRange.divide(3).get(1).start());
            assertThat(s.range().end()).isEqualTo(HashKeyRange.MAX_HASH_KEY);
        });
        assertThat(plan.openAfter()).containsExactly(0, 3);
    }

    @Test
    void shardsThatAreNotAdjacentCannotMerge() {
        assertThatThrownBy(() -> new ReshardPlan(uniform(3), 3).merge(0, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"1,8", "8,1", "2,3", "3,2", "4,7", "5,3", "6,6", "4,2"})
    void uniformScalingEndsWithEqualRangesAndAtMostTwoParentsPerShard(int from, int to) {
        ReshardPlan plan = new ReshardPlan(uniform(from), from);
        // Scaling is bounded by AWS to double or half per call; chained calls go further.
        int current = from;
        while (current != to) {
            int next = to > current ? Math.min(to, current * 2) : Math.max(to, (current + 1) / 2);
            plan.uniformScaling(next);
            current = next;
        }

        Map<Integer, HashKeyRange> ranges = new HashMap<>();
        uniform(from).forEach(s -> ranges.put(s.index(), s.hashKeyRange()));
        plan.newShards().forEach(s -> ranges.put(s.index(), s.range()));
        List<HashKeyRange> open = plan.openAfter().stream().map(ranges::get).toList();
        assertThat(open).containsExactlyElementsOf(HashKeyRange.divide(to));
        for (ReshardPlan.NewShard shard : plan.newShards()) {
            HashKeyRange parents = ranges.get(shard.parentIndex());
            if (shard.adjacentParentIndex() != null) {
                parents = parents.union(ranges.get(shard.adjacentParentIndex()));
            }
            assertThat(shard.range().start()).isGreaterThanOrEqualTo(parents.start());
            assertThat(shard.range().end()).isLessThanOrEqualTo(parents.end());
        }
    }
}
