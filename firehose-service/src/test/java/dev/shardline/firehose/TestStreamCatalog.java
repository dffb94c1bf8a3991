package dev.shardline.firehose;

import dev.shardline.kinesis.StreamCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams service's part in tests of Kinesis-sourced delivery streams, played by the test: the shard maps it was
 * told. A test context that imports it knows the streams its tests described (each under a unique name); other
 * contexts on the same database do not, and so must not deliver them.
 */
public class TestStreamCatalog implements StreamCatalog {

    private static final Map<String, CatalogStream> STREAMS = new ConcurrentHashMap<>();

    public static void describe(String arn, String topic, List<CatalogShard> shards) {
        STREAMS.put(arn, new CatalogStream(arn, topic, "ACTIVE", shards));
    }

    @Override
    public Optional<CatalogStream> find(String streamArn) {
        return Optional.ofNullable(STREAMS.get(streamArn));
    }
}
