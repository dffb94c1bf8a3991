package dev.shardline.streams.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable copy of a stream and its shard map: what the API layers and the data plane read. {@code keyId} is the
 * KMS key id as StartStreamEncryption was given it, null unless {@code encryptionType} is KMS.
 */
public record StreamView(
        UUID id,
        StreamRef ref,
        StreamStatus status,
        StreamMode mode,
        int retentionHours,
        String topic,
        Instant createdAt,
        List<ShardView> shards,
        int maxRecordSizeKib,
        Set<ShardLevelMetric> shardLevelMetrics,
        EncryptionType encryptionType,
        String keyId) {

    static StreamView of(KinesisStream stream) {
        return new StreamView(
                stream.id(),
                stream.ref(),
                stream.status(),
                stream.mode(),
                stream.retentionHours(),
                stream.topic(),
                stream.createdAt(),
                stream.shards().stream()
                        .filter(shard -> !shard.isPending())
                        .map(ShardView::of)
                        .toList(),
                stream.maxRecordSizeKib(),
                Set.copyOf(stream.shardLevelMetrics()),
                stream.encryptionType(),
                stream.keyId());
    }

    public Optional<ShardView> shard(int index) {
        return shards.stream().filter(s -> s.index() == index).findFirst();
    }

    public List<ShardView> openShards() {
        return shards.stream().filter(ShardView::isOpen).toList();
    }

    /** The shards that a resharding made from {@code parent}, for GetRecords' ChildShards. */
    public List<ShardView> childrenOf(int parent) {
        return shards.stream()
                .filter(s -> Integer.valueOf(parent).equals(s.parentIndex())
                        || Integer.valueOf(parent).equals(s.adjacentParentIndex()))
                .toList();
    }

    /** The shards that DescribeStream and ListShards show at {@code now}: all but those whose records have all expired. */
    public List<ShardView> listableShards(Instant now) {
        Instant expiredBefore = now.minus(Duration.ofHours(retentionHours));
        return shards.stream()
                .filter(s -> s.isOpen() || s.closedAt().isAfter(expiredBefore))
                .toList();
    }

    /** The largest record (data blob plus partition key) the stream takes. */
    public int maxRecordSizeBytes() {
        return maxRecordSizeKib * 1024;
    }

    /** Records can be written and read while the stream is ACTIVE or UPDATING, as in AWS. */
    public boolean acceptsData() {
        return status == StreamStatus.ACTIVE || status == StreamStatus.UPDATING;
    }
}
