package dev.shardline.streams.record;

import dev.shardline.streams.stream.ShardView;
import java.util.List;

/** What one GetRecords call returns; {@code nextShardIterator} is null once a closed shard is read to its end. */
public record RecordBatch(
        List<StoredRecord> records, String nextShardIterator, long millisBehindLatest, List<ShardView> childShards) {}
