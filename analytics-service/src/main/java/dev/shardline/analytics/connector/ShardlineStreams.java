package dev.shardline.analytics.connector;

import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.StreamCatalog;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the {@code kinesis} connector reaches in the JVM that runs it: the stream catalog (shard maps, lineage, ending
 * offsets), the data keys of encrypted streams and the Kafka cluster that holds the streams' topics. Flink ships
 * sources and sinks as serialised objects, so they cannot hold Spring beans; they find these here instead, by the id of
 * the engine that planned them ({@value #ENGINE_OPTION} in the job's configuration), so that two engines in one JVM
 * (two Spring contexts in one test run) never read each other's streams. A job in the embedded MiniCluster runs in the
 * same JVM; a job on a remote Flink cluster finds them through a {@link Resolver} (the remote engine ships them with the
 * job).
 */
public final class ShardlineStreams {

    /** The job configuration option that names the engine (and so the streams) a job's connectors use. */
    public static final String ENGINE_OPTION = "shardline.engine.id";

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

    /**
     * Finds the streams of an engine that did not register them in this JVM (a JobManager or TaskManager of a remote
     * Flink cluster), through the class loader that loaded the connector; listed in {@code META-INF/services}.
     */
    public interface Resolver {
        Optional<Services> resolve(String id, ClassLoader classLoader);
    }

    private static final Map<String, Services> REGISTERED = new ConcurrentHashMap<>();

    private ShardlineStreams() {}

    /** Makes a runtime's streams available to the connectors of the jobs its engine plans; returns their id. */
    public static String register(Services services) {
        String id = UUID.randomUUID().toString();
        REGISTERED.put(id, services);
        return id;
    }

    public static void unregister(String id) {
        REGISTERED.remove(id);
    }

    /** The streams of engine {@code id}, while it lives. */
    static Services get(String id) {
        Services services = id == null ? null : REGISTERED.computeIfAbsent(id, ShardlineStreams::resolve);
        if (services == null) {
            throw new IllegalStateException("No Shardline streams are registered for engine " + id
                    + ": the kinesis connector runs only in jobs a Shardline Flink engine planned");
        }
        return services;
    }

    static boolean registered(String id) {
        return id != null && REGISTERED.containsKey(id);
    }

    private static Services resolve(String id) {
        ClassLoader loader = ShardlineStreams.class.getClassLoader();
        for (Resolver resolver : ServiceLoader.load(Resolver.class, loader)) {
            Optional<Services> services = resolver.resolve(id, loader);
            if (services.isPresent()) {
                return services.get();
            }
        }
        return null;
    }
}
