package dev.shardline.streams.stream;

import java.util.UUID;

/**
 * Bytes written to each shard through this instance, as its write path counts them: what the ON_DEMAND scaler measures
 * besides records, since a partition's end offset counts records only. Per instance, as the shards' write limits are.
 */
public interface ShardWrites {

    /** Bytes (data and partition key) admitted to the shard since this instance started. */
    long bytesWritten(UUID streamId, int shardIndex);
}
