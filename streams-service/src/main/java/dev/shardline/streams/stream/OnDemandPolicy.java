package dev.shardline.streams.stream;

import dev.shardline.streams.StreamsProperties;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision of ON_DEMAND scaling, apart from measuring and resharding: from two measurements of a stream's open
 * shards' end offsets and bytes written, which shards to split and which adjacent pairs to merge. A shard is hot above
 * {@code splitAboveRecordsPerSecond} or {@code splitAboveBytesPerSecond} and cold below both
 * {@code mergeBelowRecordsPerSecond} and {@code mergeBelowBytesPerSecond} (between the two nothing happens, and an
 * interruption resets its run); it is split after {@code hotEvaluations} hot measurements in a row,
 * two adjacent shards are merged after {@code coldEvaluations} cold ones each, within {@code minShards} and
 * {@code maxShards}. Splits come first: a stream with a hot shard is not merged in the same step.
 */
final class OnDemandPolicy {

    private final StreamsProperties.OnDemand policy;

    OnDemandPolicy(StreamsProperties.OnDemand policy) {
        this.policy = policy;
    }

    /**
     * One measurement of a stream's open shards: end offsets, bytes written, and how many evaluations each has been hot
     * or cold.
     */
    record Sample(
            long atMillis,
            Map<Integer, Long> ends,
            Map<Integer, Long> bytes,
            Map<Integer, Integer> hot,
            Map<Integer, Integer> cold) {

        static Sample first(long atMillis, Map<Integer, Long> ends, Map<Integer, Long> bytes) {
            return new Sample(atMillis, ends, bytes, Map.of(), Map.of());
        }
    }

    /** What to do now, and the sample to compare the next measurement with. */
    record Step(Sample sample, List<ShardView> split, List<Merge> merge) {}

    record Merge(ShardView left, ShardView right) {}

    /**
     * The step after {@code previous} given the open shards and their end offsets at {@code now}; without a previous
     * sample of the same shard map there is no rate yet, so nothing is done.
     */
    Step evaluate(Sample previous, List<ShardView> openShards, Map<Integer, Long> ends, long now) {
        return evaluate(previous, openShards, ends, Map.of(), now);
    }

    /** As {@link #evaluate(Sample, List, Map, long)}, with the bytes written to each shard so far (none if absent). */
    Step evaluate(
            Sample previous, List<ShardView> openShards, Map<Integer, Long> ends, Map<Integer, Long> bytes, long now) {
        if (previous == null || !previous.ends().keySet().equals(ends.keySet())) {
            return new Step(Sample.first(now, ends, bytes), List.of(), List.of());
        }
        List<ShardView> open = openShards.stream()
                .sorted(Comparator.comparing(s -> s.hashKeyRange().start()))
                .toList();
        double seconds = Math.max(0.001, (now - previous.atMillis()) / 1000.0);
        Map<Integer, Integer> hot = new HashMap<>();
        Map<Integer, Integer> cold = new HashMap<>();
        for (ShardView shard : open) {
            double rate = (ends.get(shard.index()) - previous.ends().get(shard.index())) / seconds;
            double byteRate =
                    (bytes.getOrDefault(shard.index(), 0L) - previous.bytes().getOrDefault(shard.index(), 0L))
                            / seconds;
            if (rate > policy.splitAboveRecordsPerSecond()
                    || byteRate > policy.splitAboveBytesPerSecond().toBytes()) {
                hot.put(shard.index(), previous.hot().getOrDefault(shard.index(), 0) + 1);
            }
            if (rate < policy.mergeBelowRecordsPerSecond()
                    && byteRate < policy.mergeBelowBytesPerSecond().toBytes()) {
                cold.put(shard.index(), previous.cold().getOrDefault(shard.index(), 0) + 1);
            }
        }
        Sample sample = new Sample(now, ends, bytes, hot, cold);
        List<ShardView> split = open.stream()
                .filter(s -> hot.getOrDefault(s.index(), 0) >= policy.hotEvaluations())
                .filter(s -> s.hashKeyRange().end().compareTo(s.hashKeyRange().start()) > 0)
                .limit(Math.max(0, policy.maxShards() - open.size()))
                .toList();
        if (!split.isEmpty()) {
            return new Step(sample, split, List.of());
        }
        List<Merge> merge = new ArrayList<>();
        int remaining = open.size();
        for (int i = 0; i + 1 < open.size() && remaining > policy.minShards(); i++) {
            ShardView left = open.get(i);
            ShardView right = open.get(i + 1);
            if (cold.getOrDefault(left.index(), 0) >= policy.coldEvaluations()
                    && cold.getOrDefault(right.index(), 0) >= policy.coldEvaluations()) {
                merge.add(new Merge(left, right));
                remaining--;
                i++;
            }
        }
        return new Step(sample, List.of(), merge);
    }

    /** The hash key at which a split divides a shard's range into two halves. */
    static BigInteger midpoint(ShardView shard) {
        return shard.hashKeyRange()
                .start()
                .add(shard.hashKeyRange().end())
                .add(BigInteger.ONE)
                .shiftRight(1);
    }
}
