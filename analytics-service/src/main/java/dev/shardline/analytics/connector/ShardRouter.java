package dev.shardline.analytics.connector;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * Routes a record as PutRecords does: MD5 of its partition key into the hash key range of the open shard that owns it.
 * The shard map is asked again once it is older than {@link #MAX_AGE}: the streams service fixes a closed shard's end
 * only after its own instances stopped routing by their cached map (1 s by default), and a sink that routes by a map at
 * most this old, with each batch acknowledged soon after, lands its records before that end too.
 */
final class ShardRouter {

    static final Duration MAX_AGE = Duration.ofMillis(500);

    private final StreamCatalog catalog;
    private final String streamArn;
    private final String topic;
    private CatalogStream stream;
    private long lookedUpAt;

    ShardRouter(StreamCatalog catalog, String streamArn, String topic) {
        this.catalog = catalog;
        this.streamArn = streamArn;
        this.topic = topic;
    }

    /** The stream as the router routes it now (its open shards and key). */
    CatalogStream current() {
        long now = System.nanoTime();
        if (stream == null || now - lookedUpAt > MAX_AGE.toNanos()) {
            stream = catalog.find(streamArn)
                    .filter(s -> s.topic().equals(topic))
                    .orElseThrow(() -> new IllegalStateException("Stream " + streamArn + " is gone"));
            lookedUpAt = now;
        }
        return stream;
    }

    /** The partition of the open shard that owns {@code partitionKey}'s hash key. */
    int partitionOf(String partitionKey) {
        BigInteger hashKey = HashKeyRange.hashOf(partitionKey);
        List<CatalogShard> open = current().openShards();
        for (CatalogShard shard : open) {
            if (shard.hashKeyRange() == null) {
                throw new IllegalStateException("The catalog gives no hash key ranges for " + streamArn);
            }
            if (shard.hashKeyRange().contains(hashKey)) {
                return shard.partition();
            }
        }
        throw new IllegalStateException("No open shard of " + streamArn + " owns hash key " + hashKey);
    }
}
