package dev.shardline.analytics.connector;

import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import java.util.Optional;

/** Looks a stream up as the connector does, through the streams registered under an engine's id, for other packages' tests. */
public final class ShardlineTestAccess {

    private ShardlineTestAccess() {}

    public static Optional<CatalogStream> find(String engine, String arn) {
        return ShardlineStreams.get(engine).catalog().find(arn);
    }
}
