package dev.shardline.kinesis.reader;

import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.ShardIds;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.platform.kafka.KafkaClientFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Kinesis stream from its Kafka topic, for a service that consumes a stream (Firehose's Kinesis source, an
 * analytics application's {@code kinesis} connector) without the streams service's tables. Each shard is a partition of
 * the stream's topic; a consumer group spreads them over the readers. Records are opened through the record envelope
 * (decrypting those of an encrypted stream) and get the shard id and sequence number that GetRecords reports. A
 * resharding adds partitions: {@link #consumerSettings()} lets the consumer see them within seconds, and the shard map
 * is asked again only when a partition shows up that it did not have. A new partition has no offset in the group, so it
 * is read from its beginning and none of a split's or a merge's records is missed.
 *
 * <p>Splits and merges are followed in lineage order, as the KCL does: {@link #holdChildren} keeps a child shard's
 * partition paused until each of its parents is read to its end, so a partition key's records come out in the order
 * they were put across a resharding.
 *
 * <p>One reader per consumer: it is not thread-safe.
 */
public final class KinesisStreamReader {

    /** A shard split adds partitions to a stream's topic: the consumer sees them within seconds, not Kafka's 5 min. */
    static final int METADATA_MAX_AGE_MS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(KinesisStreamReader.class);

    private final String streamArn;
    private final String topic;
    private final DataKeys dataKeys;
    private final ShardMap shards;
    private final LineageHold lineage;
    /** Partitions that are no shard of the stream (it was deleted or re-created), by the shard id of their index. */
    private final Map<Integer, CatalogShard> orphans = new HashMap<>();

    /**
     * @param streamArn the stream, as the catalog knows it
     * @param topic its Kafka topic (a re-created stream has another one: records of the old one keep their partition)
     * @param dataKeys opens the records of an encrypted stream; null where no key service runs (plain records only)
     */
    public KinesisStreamReader(String streamArn, String topic, StreamCatalog catalog, DataKeys dataKeys) {
        this(streamArn, topic, catalog, dataKeys, Clock.systemUTC());
    }

    /** {@code clock} paces how often a waiting child's parents are looked up again. */
    public KinesisStreamReader(String streamArn, String topic, StreamCatalog catalog, DataKeys dataKeys, Clock clock) {
        this.streamArn = streamArn;
        this.topic = topic;
        this.dataKeys = dataKeys;
        this.shards = new ShardMap(streamArn, topic, catalog);
        this.lineage = new LineageHold(topic, shards, clock);
    }

    /** The consumer settings a reader of a stream's topic needs, on top of a group consumer's. */
    public static Map<String, Object> consumerSettings() {
        return Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, METADATA_MAX_AGE_MS);
    }

    /** A member of consumer group {@code groupId} for reading the stream's topic; the caller subscribes and closes it. */
    public static KafkaConsumer<byte[], byte[]> groupConsumer(
            KafkaClientFactory clients, String groupId, Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(overrides);
        settings.putAll(consumerSettings());
        return clients.groupConsumer(groupId, settings);
    }

    public String streamArn() {
        return streamArn;
    }

    public String topic() {
        return topic;
    }

    /** The record that {@code record} of the stream's topic holds. */
    public StreamRecord read(ConsumerRecord<byte[], byte[]> record) {
        RecordEnvelope envelope =
                dataKeys == null ? RecordEnvelope.from(record) : RecordEnvelope.from(record, dataKeys);
        Instant arrival = envelope.arrival();
        CatalogShard shard = shard(record.partition());
        return new StreamRecord(
                shard.shardId(),
                record.partition(),
                record.offset(),
                envelope.partitionKey(),
                shard.sequenceNumber(record.offset(), arrival),
                arrival,
                envelope.data());
    }

    /**
     * Pauses the consumer's partitions of child shards whose parents are not yet read to their end, and resumes them
     * once they are: call it before each {@code poll}, and from {@code onPartitionsAssigned} (a poll that assigns a
     * partition may return its records at once). A parent this consumer reads counts by its position; one that another
     * member of the group reads counts by the group's committed offset, so a child waits until that member committed
     * past the parent's end. A parent that is closed but whose end is not fixed yet counts as unread; one whose
     * records have all expired counts as read. The reader resumes only what it paused: a partition the caller paused
     * is left to the caller (and held, if need be, once the caller resumed it).
     */
    public void holdChildren(Consumer<?, ?> consumer) {
        lineage.hold(consumer, consumer::position);
    }

    /**
     * {@link #holdChildren(Consumer)}, with the caller saying how far it is done with a partition it reads: before
     * {@code doneUpTo}'s offset every record is handled. A caller that hands records on in batches gives the first
     * offset of a batch not yet handed on, so a child's records follow its parent's out of the caller too. It must not
     * wait for anything that only the child's records bring about, or the child waits forever.
     */
    public void holdChildren(Consumer<?, ?> consumer, ToLongFunction<TopicPartition> doneUpTo) {
        lineage.hold(consumer, doneUpTo);
    }

    /**
     * The offset after the last record of {@code partition}, when its shard is closed and its end fixed, as the reader
     * last saw the shard map: no record follows it (a caller may hand on what it holds of the shard at once).
     */
    public OptionalLong endingOffset(int partition) {
        CatalogShard shard = shards.get(partition);
        return shard == null || shard.endingOffset() == null
                ? OptionalLong.empty()
                : OptionalLong.of(shard.endingOffset());
    }

    private CatalogShard shard(int partition) {
        CatalogShard known = shards.get(partition);
        if (known != null) {
            return known;
        }
        known = orphans.get(partition);
        if (known != null) {
            return known;
        }
        shards.refresh();
        known = shards.get(partition);
        if (known == null) {
            // The stream is gone (or re-created under another topic): its records are still read, with the shard id
            // of their partition and a shard creation time of 0 in their sequence numbers.
            log.warn("Partition {} of {} is no shard of {}", partition, topic, streamArn);
            known = new CatalogShard(ShardIds.format(partition), partition, Instant.EPOCH);
            orphans.put(partition, known);
        }
        return known;
    }
}
