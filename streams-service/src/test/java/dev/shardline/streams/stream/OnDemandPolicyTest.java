package dev.shardline.streams.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.streams.StreamsProperties;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * ON_DEMAND scaling decisions: hot above 100 records/s for 2 measurements splits, cold below 10 for 3 measurements
 * merges a pair, between 2 and 5 shards.
 */
class OnDemandPolicyTest {

    private final OnDemandPolicy policy = new OnDemandPolicy(new StreamsProperties.OnDemand(
            Duration.ofSeconds(1),
            100,
            10,
            DataSize.ofKilobytes(100),
            DataSize.ofKilobytes(10),
            2,
            3,
            2,
            5,
            DataSize.ofMegabytes(200),
            200_000));

    /** Feeds one measurement per second with the given records/s per shard (in shard order) and returns each step. */
    private static final class Run {
        private final OnDemandPolicy policy;
        private final List<ShardView> shards;
        private final Map<Integer, Long> ends = new HashMap<>();
        private OnDemandPolicy.Sample sample;
        private long now = 1_000_000;

        Run(OnDemandPolicy policy, int shardCount) {
            this.policy = policy;
            this.shards = shards(shardCount);
            shards.forEach(s -> ends.put(s.index(), 0L));
            step();
        }

        OnDemandPolicy.Step step(long... ratesPerShard) {
            for (int i = 0; i < ratesPerShard.length; i++) {
                ends.merge(shards.get(i).index(), ratesPerShard[i], Long::sum);
            }
            now += 1000;
            // Given in reverse: the policy orders shards by their hash key ranges, not by the caller's order.
            List<ShardView> reversed = new ArrayList<>(shards);
            Collections.reverse(reversed);
            OnDemandPolicy.Step step = policy.evaluate(sample, reversed, Map.copyOf(ends), now);
            sample = step.sample();
            return step;
        }
    }

    private static List<ShardView> shards(int count) {
        BigInteger width = HashKeyRange.MAX_HASH_KEY.add(BigInteger.ONE).divide(BigInteger.valueOf(count));
        List<ShardView> shards = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger end = i == count - 1
                    ? HashKeyRange.MAX_HASH_KEY
                    : start.add(width).subtract(BigInteger.ONE);
            shards.add(new ShardView(i, null, null, new HashKeyRange(start, end), Instant.EPOCH, null, null));
        });
        return shards;
    }

    @Test
    void theFirstMeasurementOfAShardMapDecidesNothing() {
        OnDemandPolicy.Step first = policy.evaluate(null, shards(3), Map.of(0, 5000L, 1, 0L, 2, 0L), 1000);

        assertThat(first.split()).isEmpty();
        assertThat(first.merge()).isEmpty();
    }

    @Test
    void aShardIsSplitOnlyAfterTwoHotMeasurementsInARow() {
        Run run = new Run(policy, 3);

        assertThat(run.step(500, 50, 50).split()).isEmpty();
        OnDemandPolicy.Step second = run.step(500, 50, 50);

        assertThat(second.split()).extracting(ShardView::index).containsExactly(0);
        assertThat(second.merge()).isEmpty();
    }

    @Test
    void aShardWritingBytesAboveTheThresholdIsSplitThoughItsRecordsAreFew() {
        List<ShardView> two = shards(2);
        OnDemandPolicy.Step step = policy.evaluate(null, two, Map.of(0, 0L, 1, 0L), Map.of(0, 0L, 1, 0L), 1_000);
        // 5 records/s, far under 100, but 200 KB/s, over the 100 KB/s threshold.
        step = policy.evaluate(step.sample(), two, Map.of(0, 5L, 1, 0L), Map.of(0, 200_000L, 1, 0L), 2_000);
        assertThat(step.split()).isEmpty();
        step = policy.evaluate(step.sample(), two, Map.of(0, 10L, 1, 0L), Map.of(0, 400_000L, 1, 0L), 3_000);

        assertThat(step.split()).extracting(ShardView::index).containsExactly(0);
    }

    @Test
    void aShardWritingFewRecordsButManyBytesIsNotCold() {
        List<ShardView> two = shards(2);
        OnDemandPolicy.Step step = policy.evaluate(null, two, Map.of(0, 0L, 1, 0L), Map.of(0, 0L, 1, 0L), 1_000);
        for (int i = 1; i <= 5; i++) {
            // 1 record/s each, under the 10 of a cold shard, but 50 KB/s each, over its 10 KB/s.
            step = policy.evaluate(
                    step.sample(),
                    two,
                    Map.of(0, (long) i, 1, (long) i),
                    Map.of(0, 50_000L * i, 1, 50_000L * i),
                    1_000 + 1_000L * i);
            assertThat(step.merge()).isEmpty();
        }
    }

    @Test
    void aQuietMeasurementBetweenHotOnesStartsTheRunAgain() {
        Run run = new Run(policy, 3);

        assertThat(run.step(500, 50, 50).split()).isEmpty();
        assertThat(run.step(50, 50, 50).split()).isEmpty();
        assertThat(run.step(500, 50, 50).split()).isEmpty();
        assertThat(run.step(500, 50, 50).split()).extracting(ShardView::index).containsExactly(0);
    }

    @Test
    void ratesBetweenTheThresholdsNeitherSplitNorMerge() {
        Run run = new Run(policy, 4);

        for (int i = 0; i < 20; i++) {
            OnDemandPolicy.Step step = run.step(100, 10, 99, 50);
            assertThat(step.split()).isEmpty();
            assertThat(step.merge()).isEmpty();
        }
    }

    @Test
    void anAdjacentColdPairIsMergedAfterThreeColdMeasurements() {
        Run run = new Run(policy, 4);

        assertThat(run.step(0, 0, 50, 50).merge()).isEmpty();
        assertThat(run.step(0, 0, 50, 50).merge()).isEmpty();
        OnDemandPolicy.Step third = run.step(0, 0, 50, 50);

        assertThat(third.merge()).singleElement().satisfies(m -> {
            assertThat(m.left().index()).isZero();
            assertThat(m.right().index()).isEqualTo(1);
        });
    }

    @Test
    void coldShardsThatAreNotNeighboursStayApart() {
        Run run = new Run(policy, 4);

        for (int i = 0; i < 5; i++) {
            assertThat(run.step(0, 50, 0, 50).merge()).isEmpty();
        }
    }

    @Test
    void mergingStopsAtTheMinimumShardCount() {
        Run four = new Run(policy, 4);
        OnDemandPolicy.Step fourCold = null;
        for (int i = 0; i < 3; i++) {
            fourCold = four.step(0, 0, 0, 0);
        }
        Run two = new Run(policy, 2);
        OnDemandPolicy.Step twoCold = null;
        for (int i = 0; i < 3; i++) {
            twoCold = two.step(0, 0);
        }

        assertThat(fourCold.merge()).as("4 → 2 shards: two pairs").hasSize(2);
        assertThat(twoCold.merge()).as("already at the minimum of 2").isEmpty();
    }

    @Test
    void splittingStopsAtTheMaximumShardCount() {
        Run four = new Run(policy, 4);
        four.step(500, 500, 500, 0);
        OnDemandPolicy.Step fourHot = four.step(500, 500, 500, 0);
        Run five = new Run(policy, 5);
        five.step(500, 0, 0, 0, 0);
        OnDemandPolicy.Step fiveHot = five.step(500, 0, 0, 0, 0);

        assertThat(fourHot.split()).as("room for one more shard of 5").hasSize(1);
        assertThat(fiveHot.split()).as("already at the maximum of 5").isEmpty();
    }

    @Test
    void aHotShardWinsOverAColdPairInTheSameStep() {
        Run run = new Run(policy, 3);

        run.step(0, 0, 500);
        run.step(0, 0, 500);
        OnDemandPolicy.Step third = run.step(0, 0, 500);

        assertThat(third.split()).isNotEmpty();
        assertThat(third.merge()).isEmpty();
    }

    @Test
    void theMidpointHalvesTheRange() {
        ShardView whole = shards(1).get(0);

        assertThat(OnDemandPolicy.midpoint(whole)).isEqualTo(BigInteger.TWO.pow(127));
    }
}
