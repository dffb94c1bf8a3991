package dev.shardline.streams.stream.web;

import dev.shardline.kinesis.SequenceNumber;
import dev.shardline.kinesis.ShardIds;
import dev.shardline.streams.stream.ShardView;

/**
 * AWS's Shard shape, with its hash key and sequence number ranges, as DescribeStream, ListShards and the ChildShards of
 * GetRecords and SubscribeToShard show it.
 */
public final class ShardShapes {

    private ShardShapes() {}

    public record Shard(
            String shardId,
            String parentShardId,
            String adjacentParentShardId,
            HashKeyRange hashKeyRange,
            SequenceNumberRange sequenceNumberRange) {}

    public record HashKeyRange(String startingHashKey, String endingHashKey) {}

    public record SequenceNumberRange(String startingSequenceNumber, String endingSequenceNumber) {}

    public static Shard shard(ShardView shard) {
        SequenceNumber ending = shard.endingSequenceNumber();
        return new Shard(
                shard.shardId(),
                shard.parentIndex() == null ? null : ShardIds.format(shard.parentIndex()),
                shard.adjacentParentIndex() == null ? null : ShardIds.format(shard.adjacentParentIndex()),
                hashKeyRange(shard),
                new SequenceNumberRange(
                        shard.startingSequenceNumber().toString(), ending == null ? null : ending.toString()));
    }

    public static HashKeyRange hashKeyRange(ShardView shard) {
        return new HashKeyRange(
                shard.hashKeyRange().start().toString(),
                shard.hashKeyRange().end().toString());
    }
}
