package dev.shardline.analytics.engine;

import dev.shardline.analytics.connector.ShardlineStreams;
import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import dev.shardline.platform.error.AwsErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The streams a job's {@code kinesis} connectors use, shipped with the job to a remote Flink cluster, whose JobManager
 * (the source's enumerator) and TaskManagers (readers, sink writers) have no stream catalog of their own. While a job is
 * planned in this JVM its connectors look their streams up through a recording catalog; the streams found, as the
 * catalog tells them at submission, and the Kafka settings go into a one-file JAR that is uploaded with the job. There,
 * {@link ShardlineStreams} asks this resolver, which reads the file through the job's class loader.
 *
 * <p>The shard maps are those of the moment of submission: a resharding while the job runs is not seen by it.
 */
public final class ShippedStreams implements ShardlineStreams.Resolver {

    private static final String RESOURCE = "META-INF/shardline/streams/%s.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** For {@link java.util.ServiceLoader}. */
    public ShippedStreams() {}

    /** In a remote cluster's JVM: the streams shipped with the job whose connectors name engine {@code id}. */
    @Override
    public Optional<ShardlineStreams.Services> resolve(String id, ClassLoader classLoader) {
        URL resource = classLoader.getResource(String.format(RESOURCE, id));
        if (resource == null) {
            return Optional.empty();
        }
        try (InputStream in = resource.openStream()) {
            JsonNode shipped = JSON.readTree(in);
            Map<String, String> kafka = new HashMap<>();
            shipped.path("kafka")
                    .fields()
                    .forEachRemaining(e -> kafka.put(e.getKey(), e.getValue().asText()));
            Map<String, CatalogStream> streams = new HashMap<>();
            for (JsonNode stream : shipped.path("streams")) {
                CatalogStream read = stream(stream);
                streams.put(read.arn(), read);
            }
            StreamCatalog catalog = arn -> Optional.ofNullable(streams.get(arn));
            return Optional.of(new ShardlineStreams.Services(catalog, null, kafka));
        } catch (IOException e) {
            throw new UncheckedIOException("The Shardline streams shipped with the job cannot be read", e);
        }
    }

    /**
     * One job being planned for the remote cluster: its connectors' streams, registered under an id of their own while
     * it is planned, then written into the JAR that travels with the job.
     */
    static final class Planning implements AutoCloseable {

        private final StreamCatalog catalog;
        private final Map<String, String> kafka;
        private final Set<String> looked = ConcurrentHashMap.newKeySet();
        private final String id;

        Planning(StreamCatalog catalog, Map<String, String> kafka) {
            this.catalog = catalog;
            this.kafka = Map.copyOf(kafka);
            StreamCatalog recording = arn -> {
                looked.add(arn);
                return catalog.find(arn);
            };
            // No data keys: a remote cluster cannot open or seal records of encrypted streams (refused in jar()).
            this.id = ShardlineStreams.register(new ShardlineStreams.Services(recording, null, kafka));
        }

        /** What the job's configuration names ({@link ShardlineStreams#ENGINE_OPTION}). */
        String id() {
            return id;
        }

        /** The JAR of the streams the job's connectors looked up, as the catalog tells them now. */
        Path jar(Path directory) {
            ObjectNode shipped = JSON.createObjectNode();
            ObjectNode settings = shipped.putObject("kafka");
            kafka.forEach(settings::put);
            ArrayNode streams = shipped.putArray("streams");
            for (String arn : looked) {
                Optional<CatalogStream> found = catalog.find(arn);
                if (found.isEmpty()) {
                    continue;
                }
                if (found.get().keyId() != null) {
                    throw AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception("The stream " + arn
                            + " is encrypted (KMS): applications on a remote Flink cluster cannot read or write"
                            + " encrypted streams yet");
                }
                streams.add(node(found.get()));
            }
            try {
                Files.createDirectories(directory);
                Path jar = directory.resolve("shardline-streams-" + id + ".jar");
                try (OutputStream out = Files.newOutputStream(jar);
                        JarOutputStream entries = new JarOutputStream(out)) {
                    entries.putNextEntry(new JarEntry(String.format(RESOURCE, id)));
                    entries.write(JSON.writeValueAsBytes(shipped));
                    entries.closeEntry();
                }
                return jar;
            } catch (IOException e) {
                throw new UncheckedIOException("Writing the streams of job " + id + " failed", e);
            }
        }

        @Override
        public void close() {
            ShardlineStreams.unregister(id);
        }
    }

    private static ObjectNode node(CatalogStream stream) {
        ObjectNode node = JSON.createObjectNode()
                .put("arn", stream.arn())
                .put("topic", stream.topic())
                .put("status", stream.status());
        ArrayNode shards = node.putArray("shards");
        for (CatalogShard shard : stream.shards()) {
            ObjectNode s = shards.addObject()
                    .put("shardId", shard.shardId())
                    .put("partition", shard.partition())
                    .put("createdAt", shard.createdAt().toEpochMilli())
                    .put("open", shard.open());
            ArrayNode parents = s.putArray("parents");
            shard.parentPartitions().forEach(parents::add);
            if (shard.endingOffset() != null) {
                s.put("endingOffset", shard.endingOffset());
            }
            if (shard.hashKeyRange() != null) {
                s.put("hashKeyStart", shard.hashKeyRange().start().toString());
                s.put("hashKeyEnd", shard.hashKeyRange().end().toString());
            }
        }
        return node;
    }

    private static CatalogStream stream(JsonNode node) {
        List<CatalogShard> shards = new ArrayList<>();
        for (JsonNode s : node.path("shards")) {
            List<Integer> parents = new ArrayList<>();
            s.path("parents").forEach(p -> parents.add(p.asInt()));
            HashKeyRange range = s.hasNonNull("hashKeyStart")
                    ? new HashKeyRange(
                            new BigInteger(s.get("hashKeyStart").asText()),
                            new BigInteger(s.get("hashKeyEnd").asText()))
                    : null;
            shards.add(new CatalogShard(
                    s.path("shardId").asText(),
                    s.path("partition").asInt(),
                    Instant.ofEpochMilli(s.path("createdAt").asLong()),
                    parents,
                    s.hasNonNull("endingOffset") ? s.get("endingOffset").asLong() : null,
                    range,
                    s.path("open").asBoolean()));
        }
        return new CatalogStream(
                node.path("arn").asText(),
                node.path("topic").asText(),
                node.path("status").asText(),
                shards,
                null);
    }
}
