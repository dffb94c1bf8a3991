package dev.shardline.kinesis.reader;

import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The shards of one stream's topic as the catalog last told them; asked again only when a reader needs more. */
final class ShardMap {

    private final String streamArn;
    private final String topic;
    private final StreamCatalog catalog;
    private final Map<Integer, CatalogShard> shards = new HashMap<>();
    private boolean looked;
    private boolean streamFound;

    ShardMap(String streamArn, String topic, StreamCatalog catalog) {
        this.streamArn = streamArn;
        this.topic = topic;
        this.catalog = catalog;
    }

    /** The shard of {@code partition} as last seen; null when the catalog did not have it (yet). */
    CatalogShard get(int partition) {
        return shards.get(partition);
    }

    /** Asks the catalog for the stream's shard map again. */
    void refresh() {
        Optional<CatalogStream> stream =
                catalog.find(streamArn).filter(s -> s.topic().equals(topic));
        stream.ifPresent(s -> s.shards().forEach(shard -> shards.put(shard.partition(), shard)));
        looked = true;
        streamFound = stream.isPresent();
    }

    /** Whether the catalog was asked at all. */
    boolean looked() {
        return looked;
    }

    /** Whether the last answer had the stream under this topic (not deleted, not re-created under another one). */
    boolean streamFound() {
        return streamFound;
    }
}
