package dev.shardline.streams.stream;

import dev.shardline.kinesis.HashKeyRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A resharding as AWS performs it: a sequence of pairwise splits and merges over the open shards. Each step closes one
 * shard (split) or two adjacent ones (merge) and opens their children with the next free shard indices. UpdateShardCount
 * becomes such a sequence too, so every shard has at most two parents; shards that a later step closes again are the
 * short-lived shards AWS also creates. Pure logic: the stream applies the plan's new shards.
 */
public final class ReshardPlan {

    /** A shard the plan creates, with its lineage. */
    public record NewShard(int index, Integer parentIndex, Integer adjacentParentIndex, HashKeyRange range) {}

    private final TreeMap<BigInteger, Open> openByStart = new TreeMap<>();
    private final List<NewShard> created = new ArrayList<>();
    private final Set<Integer> closed = new LinkedHashSet<>();
    private int nextIndex;

    private record Open(int index, HashKeyRange range) {}

    /** A plan over the given open shards; new shards are numbered from {@code nextIndex}. */
    public ReshardPlan(List<ShardView> openShards, int nextIndex) {
        openShards.forEach(s -> openByStart.put(s.hashKeyRange().start(), new Open(s.index(), s.hashKeyRange())));
        this.nextIndex = nextIndex;
    }

    public ReshardPlan split(int shardIndex, BigInteger newStartingHashKey) {
        Open parent = open(shardIndex);
        HashKeyRange[] halves = parent.range().splitAt(newStartingHashKey);
        close(parent);
        add(new NewShard(nextIndex++, parent.index(), null, halves[0]));
        add(new NewShard(nextIndex++, parent.index(), null, halves[1]));
        return this;
    }

    public ReshardPlan merge(int shardIndex, int adjacentShardIndex) {
        Open first = open(shardIndex);
        Open second = open(adjacentShardIndex);
        HashKeyRange union = first.range().union(second.range());
        close(first);
        close(second);
        add(new NewShard(nextIndex++, first.index(), second.index(), union));
        return this;
    }

    /**
     * Reaches {@code target} shards of equal hash key ranges: first split wherever a target boundary falls inside an
     * open shard, then merge, left to right, the shards that lie within each target range.
     */
    public ReshardPlan uniformScaling(int target) {
        List<HashKeyRange> goal = HashKeyRange.divide(target);
        for (HashKeyRange range : goal.subList(1, goal.size())) {
            Open owner = owner(range.start());
            if (!owner.range().start().equals(range.start())) {
                split(owner.index(), range.start());
            }
        }
        for (HashKeyRange range : goal) {
            Open merged = openByStart.get(range.start());
            while (!merged.range().end().equals(range.end())) {
                Open next = openByStart.get(merged.range().end().add(BigInteger.ONE));
                merge(merged.index(), next.index());
                merged = openByStart.get(range.start());
            }
        }
        return this;
    }

    /** The shards this plan creates, in creation order. */
    public List<NewShard> newShards() {
        return List.copyOf(created);
    }

    /** Every shard the plan closes: open shards it replaces and short-lived shards of its own. */
    public Set<Integer> closedShards() {
        return Set.copyOf(closed);
    }

    /** The open shards once the plan is applied, by hash key order. */
    public List<Integer> openAfter() {
        return openByStart.values().stream()
                .sorted(Comparator.comparing(o -> o.range().start()))
                .map(Open::index)
                .toList();
    }

    private Open open(int index) {
        return openByStart.values().stream()
                .filter(o -> o.index() == index)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Shard " + index + " is not open"));
    }

    private Open owner(BigInteger hashKey) {
        return openByStart.floorEntry(hashKey).getValue();
    }

    private void close(Open shard) {
        openByStart.remove(shard.range().start());
        closed.add(shard.index());
    }

    private void add(NewShard shard) {
        created.add(shard);
        openByStart.put(shard.range().start(), new Open(shard.index(), shard.range()));
    }
}
