package dev.shardline.streams.stream;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.SequenceNumber;
import dev.shardline.kinesis.ShardIds;
import java.time.Instant;

/** An immutable copy of a shard, for readers outside the transaction that loaded it. */
public record ShardView(
        int index,
        Integer parentIndex,
        Integer adjacentParentIndex,
        HashKeyRange hashKeyRange,
        Instant createdAt,
        Instant closedAt,
        Long endingOffset) {

    static ShardView of(Shard shard) {
        return new ShardView(
                shard.index(),
                shard.parentIndex(),
                shard.adjacentParentIndex(),
                shard.hashKeyRange(),
                shard.createdAt(),
                shard.closedAt(),
                shard.endingOffset());
    }

    public String shardId() {
        return ShardIds.format(index);
    }

    public boolean isOpen() {
        return closedAt == null;
    }

    /** The sequence number of the record at {@code offset} in this shard, had it arrived at {@code arrival}. */
    public SequenceNumber sequenceNumber(long offset, Instant arrival) {
        return new SequenceNumber(createdAt.getEpochSecond(), index, offset, arrival.getEpochSecond());
    }

    /**
     * Lower than any record's: counter 0 and arrival 0. (A record at offset 0 that arrived in the shard's first second
     * would otherwise share it, and AFTER_SEQUENCE_NUMBER of the starting number would skip that record.)
     */
    public SequenceNumber startingSequenceNumber() {
        return new SequenceNumber(createdAt.getEpochSecond(), index, 0, 0);
    }

    /** Whether a decoded sequence number is this shard's starting one, which comes before offset 0. */
    public boolean isStartingSequenceNumber(SequenceNumber sequenceNumber) {
        return sequenceNumber.offset() == 0 && sequenceNumber.arrivalSeconds() == 0;
    }

    public SequenceNumber endingSequenceNumber() {
        return endingOffset == null ? null : sequenceNumber(endingOffset, closedAt);
    }

    /** Whether the shard was open at {@code time} (created at or before it, not closed by then). */
    public boolean openAt(Instant time) {
        return !createdAt.isAfter(time) && (closedAt == null || closedAt.isAfter(time));
    }
}
