package dev.shardline.firehose.source;

import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.ShardIds;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Kinesis stream's topic through common's record envelope (decrypting records of an encrypted stream) and
 * gives each record the shard id and sequence number that GetRecords reports for it. The shard map is asked again
 * only when a partition shows up that it did not have: a shard made by a resharding.
 */
public final class KinesisSourceReader implements SourceReader {

    private static final Logger log = LoggerFactory.getLogger(KinesisSourceReader.class);

    private final Source.KinesisStreamSource source;
    private final StreamCatalog catalog;
    private final DataKeys dataKeys;
    private final Map<Integer, CatalogShard> shards = new HashMap<>();

    public KinesisSourceReader(Source.KinesisStreamSource source, StreamCatalog catalog, DataKeys dataKeys) {
        this.source = source;
        this.catalog = catalog;
        this.dataKeys = dataKeys;
    }

    @Override
    public String topic() {
        return source.topic();
    }

    @Override
    public BufferedRecord read(ConsumerRecord<byte[], byte[]> record) {
        RecordEnvelope envelope =
                dataKeys == null ? RecordEnvelope.from(record) : RecordEnvelope.from(record, dataKeys);
        Instant arrival = envelope.arrival();
        CatalogShard shard = shard(record.partition());
        return new BufferedRecord(
                record.partition(),
                record.offset(),
                arrival,
                envelope.data(),
                new BufferedRecord.KinesisMetadata(
                        shard.shardId(),
                        envelope.partitionKey(),
                        shard.sequenceNumber(record.offset(), arrival).toString(),
                        0,
                        arrival));
    }

    private CatalogShard shard(int partition) {
        CatalogShard known = shards.get(partition);
        if (known != null) {
            return known;
        }
        catalog.find(source.kinesisStreamArn())
                .filter(stream -> stream.topic().equals(source.topic()))
                .ifPresent(stream -> stream.shards().forEach(s -> shards.put(s.partition(), s)));
        known = shards.get(partition);
        if (known == null) {
            // The stream is gone (or re-created under another topic): its records still reach the destination, with
            // the shard id of their partition and a shard creation time of 0 in their sequence numbers.
            log.warn("Partition {} of {} is no shard of {}", partition, source.topic(), source.kinesisStreamArn());
            known = new CatalogShard(ShardIds.format(partition), partition, Instant.EPOCH);
            shards.put(partition, known);
        }
        return known;
    }
}
