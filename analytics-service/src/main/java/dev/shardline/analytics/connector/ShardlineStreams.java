package dev.shardline.analytics.connector;

import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.StreamCatalog;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code kinesis} connector reaches in the JVM that runs it: the stream catalog (shard maps, lineage, ending
 * offsets), the data keys of encrypted streams and the Kafka cluster that holds the streams' topics. Flink ships
 * sources and sinks as serialised objects, so they cannot hold Spring beans; they find these here instead. The embedded
 * engine registers them when it is created, so a job in the embedded MiniCluster (same JVM) finds them. A job on a
 * remote Flink cluster would need them over the network (ListShards of Shardline's Kinesis API for the lineage and
 * ending sequence numbers, KMS Decrypt for data keys): not built yet.
 */
public final class ShardlineStreams {

    /**
     * @param catalog the streams and their shard maps
     * @param dataKeys opens and seals records of encrypted streams; null where no key service runs
     * @param kafka client settings of the cluster that holds the stream topics (bootstrap servers, security)
     */
    public record Services(StreamCatalog catalog, DataKeys dataKeys, Map<String, String> kafka) {
        public Services {
            Objects.requireNonNull(catalog, "catalog");
            kafka = Map.copyOf(kafka);
        }
    }

    private static volatile Services services;

    private ShardlineStreams() {}

    /** Makes the runtime's streams available to connectors in this JVM (the last registration wins). */
    public static void register(Services registered) {
        services = registered;
    }

    /** The registered services, if {@code expected} still is: a closed engine's connectors stop finding them. */
    public static void unregister(Services expected) {
        if (services == expected) {
            services = null;
        }
    }

    static Services get() {
        Services current = services;
        if (current == null) {
            throw new IllegalStateException(
                    "No Shardline streams are registered in this JVM: the kinesis connector runs only in Shardline's"
                            + " embedded Flink engine");
        }
        return current;
    }

    static boolean registered() {
        return services != null;
    }
}
