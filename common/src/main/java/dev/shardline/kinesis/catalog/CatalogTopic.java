package dev.shardline.kinesis.catalog;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.StreamArn;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streams service's catalogue topic, the contract between it and every reader of a stream's records: one record per
 * change of a stream, keyed by the stream's ARN, whose value is the stream's whole {@link CatalogStream} as JSON with a
 * {@code version}, or a tombstone (null value) once the stream is deleted. Compacted, so the topic keeps the last entry
 * of each stream forever and a reader that starts from its beginning has the whole catalogue. One partition: the
 * catalogue is small, and one partition gives every reader one end offset to catch up to.
 */
public final class CatalogTopic {

    /** Owned by the streams service, named after it as its other topics are. */
    public static final String NAME = "shardline.streams.catalog";

    public static final int PARTITIONS = 1;

    /** The version of the entries written now; a reader skips an entry of a version it does not know. */
    public static final int VERSION = 1;

    public static final Map<String, String> CONFIGS = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_COMPACT,
            // A tombstone stays long enough for a reader that was down a day to see the deletion, then goes.
            TopicConfig.DELETE_RETENTION_MS_CONFIG,
            Long.toString(java.time.Duration.ofDays(1).toMillis()));

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CatalogTopic() {}

    /** The record key of a stream's entries: its ARN in canonical form. */
    public static byte[] key(String streamArn) {
        return canonicalArn(streamArn).orElse(streamArn).getBytes(StandardCharsets.UTF_8);
    }

    /** The ARN as the catalogue keys it ({@code arn:aws:kinesis:...}), empty unless it names a stream. */
    public static Optional<String> canonicalArn(String streamArn) {
        return StreamArn.tryParse(streamArn).map(StreamArn::toString);
    }

    /** A stream's entry as the topic carries it. */
    public static byte[] write(CatalogStream stream) {
        return JSON.writeValueAsBytes(Entry.of(stream));
    }

    /**
     * The stream an entry describes; empty for an entry of another version, which a reader that predates it cannot read.
     *
     * @throws tools.jackson.core.JacksonException for bytes that are no entry
     */
    public static Optional<CatalogStream> read(byte[] value) {
        Entry entry = JSON.readValue(value, Entry.class);
        return entry.version() == VERSION ? Optional.of(entry.stream()) : Optional.empty();
    }

    /** Version 1 of an entry: hash keys as decimal strings (128-bit numbers), times as ISO-8601. */
    record Entry(int version, String arn, String topic, String status, String keyId, List<Shard> shards) {

        static Entry of(CatalogStream stream) {
            return new Entry(
                    VERSION,
                    stream.arn(),
                    stream.topic(),
                    stream.status(),
                    stream.keyId(),
                    stream.shards().stream().map(Shard::of).toList());
        }

        CatalogStream stream() {
            return new CatalogStream(
                    arn, topic, status, shards.stream().map(Shard::shard).toList(), keyId);
        }
    }

    record Shard(
            String shardId,
            int partition,
            String createdAt,
            List<Integer> parentPartitions,
            Long endingOffset,
            String startingHashKey,
            String endingHashKey,
            boolean open) {

        static Shard of(CatalogShard shard) {
            HashKeyRange range = shard.hashKeyRange();
            return new Shard(
                    shard.shardId(),
                    shard.partition(),
                    shard.createdAt().toString(),
                    shard.parentPartitions(),
                    shard.endingOffset(),
                    range == null ? null : range.start().toString(),
                    range == null ? null : range.end().toString(),
                    shard.open());
        }

        CatalogShard shard() {
            HashKeyRange range = startingHashKey == null
                    ? null
                    : new HashKeyRange(new BigInteger(startingHashKey), new BigInteger(endingHashKey));
            return new CatalogShard(
                    shardId,
                    partition,
                    Instant.parse(createdAt),
                    parentPartitions == null ? List.of() : parentPartitions,
                    endingOffset,
                    range,
                    open);
        }
    }
}
