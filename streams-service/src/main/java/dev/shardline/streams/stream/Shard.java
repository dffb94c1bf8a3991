package dev.shardline.streams.stream;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.ShardIds;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.time.Instant;

/** One shard of a stream: a hash key range and, in Kafka, the partition with the same index. */
@Embeddable
public class Shard {

    @Column(name = "shard_index", nullable = false)
    private int index;

    @Column(name = "parent_index")
    private Integer parentIndex;

    @Column(name = "adjacent_parent_index")
    private Integer adjacentParentIndex;

    @Column(name = "starting_hash_key", nullable = false, precision = 39)
    private BigDecimal startingHashKey;

    @Column(name = "ending_hash_key", nullable = false, precision = 39)
    private BigDecimal endingHashKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "ending_offset")
    private Long endingOffset;

    @Column(nullable = false)
    private boolean pending;

    protected Shard() {}

    Shard(int index, HashKeyRange range, Instant createdAt) {
        this.index = index;
        this.startingHashKey = new BigDecimal(range.start());
        this.endingHashKey = new BigDecimal(range.end());
        this.createdAt = createdAt;
    }

    /** A shard planned by a resharding, not yet part of the shard map. */
    static Shard pending(ReshardPlan.NewShard planned, Instant plannedAt) {
        Shard shard = new Shard(planned.index(), planned.range(), plannedAt);
        shard.parentIndex = planned.parentIndex();
        shard.adjacentParentIndex = planned.adjacentParentIndex();
        shard.pending = true;
        return shard;
    }

    void open(Instant now) {
        pending = false;
        createdAt = now;
    }

    /** Closes the shard to writes; its ending offset is fixed once writes routed by the old map have landed. */
    void close(Instant now) {
        closedAt = now;
    }

    void fixEnd(long endOffsetExclusive) {
        endingOffset = endOffsetExclusive;
    }

    boolean isPending() {
        return pending;
    }

    public int index() {
        return index;
    }

    public String shardId() {
        return ShardIds.format(index);
    }

    public Integer parentIndex() {
        return parentIndex;
    }

    public Integer adjacentParentIndex() {
        return adjacentParentIndex;
    }

    public HashKeyRange hashKeyRange() {
        return new HashKeyRange(startingHashKey.toBigIntegerExact(), endingHashKey.toBigIntegerExact());
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Long endingOffset() {
        return endingOffset;
    }

    public boolean isOpen() {
        return closedAt == null && !pending;
    }
}
