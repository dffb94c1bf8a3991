package dev.shardline.kinesis.reader;

import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.ShardIds;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.platform.kafka.KafkaClientFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Kinesis stream from its Kafka topic, for a service that consumes a stream (Firehose's Kinesis source, an
 * analytics application's {@code kinesis} connector) without the streams service's tables. Each shard is a partition of
 * the stream's topic; a consumer group spreads them over the readers. Records are opened through the record envelope
 * (decrypting those of an encrypted stream) and get the shard id and sequence number that GetRecords reports. A
 * resharding adds partitions: {@link #consumerSettings()} lets the consumer see them within seconds, and the shard map
 * is asked again only when a partition shows up that it did not have. A new partition has no offset in the group, so it
 * is read from its beginning and none of a split's or a merge's records is missed. (The order between a parent's last
 * records and its children's first is not enforced: the catalog carries no lineage.)
 *
 * <p>One reader per consumer: it is not thread-safe.
 */
public final class KinesisStreamReader {

    /** A shard split adds partitions to a stream's topic: the consumer sees them within seconds, not Kafka's 5 min. */
    static final int METADATA_MAX_AGE_MS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(KinesisStreamReader.class);

    private final String streamArn;
    private final String topic;
    private final StreamCatalog catalog;
    private final DataKeys dataKeys;
    private final Map<Integer, CatalogShard> shards = new HashMap<>();

    /**
     * @param streamArn the stream, as the catalog knows it
     * @param topic its Kafka topic (a re-created stream has another one: records of the old one keep their partition)
     * @param dataKeys opens the records of an encrypted stream; null where no key service runs (plain records only)
     */
    public KinesisStreamReader(String streamArn, String topic, StreamCatalog catalog, DataKeys dataKeys) {
        this.streamArn = streamArn;
        this.topic = topic;
        this.catalog = catalog;
        this.dataKeys = dataKeys;
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

    private CatalogShard shard(int partition) {
        CatalogShard known = shards.get(partition);
        if (known != null) {
            return known;
        }
        catalog.find(streamArn)
                .filter(stream -> stream.topic().equals(topic))
                .ifPresent(stream -> stream.shards().forEach(s -> shards.put(s.partition(), s)));
        known = shards.get(partition);
        if (known == null) {
            // The stream is gone (or re-created under another topic): its records are still read, with the shard id
            // of their partition and a shard creation time of 0 in their sequence numbers.
            log.warn("Partition {} of {} is no shard of {}", partition, topic, streamArn);
            known = new CatalogShard(ShardIds.format(partition), partition, Instant.EPOCH);
            shards.put(partition, known);
        }
        return known;
    }
}
