package dev.shardline.analytics.connector;

import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the shards (partitions) assigned to one reader with a Kafka consumer of its own (no group: positions are
 * Flink's state). A shard is finished once the reader's position reaches its ending offset, which the catalog fixes
 * after a split or merge closed it; the catalog is asked for that about once a second while an assigned shard has no
 * known end.
 */
final class ShardSplitReader implements SplitReader<ConsumerRecord<byte[], byte[]>, ShardSplit> {

    private static final Logger log = LoggerFactory.getLogger(ShardSplitReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration END_LOOKUP_INTERVAL = Duration.ofSeconds(1);

    private final StreamSource.Settings settings;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final MillisBehindLatest behind;
    private final Map<TopicPartition, Long> endingOffsets = new HashMap<>();
    private long nextEndLookup;

    ShardSplitReader(StreamSource.Settings settings, MillisBehindLatest behind) {
        this.settings = settings;
        this.behind = behind;
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public RecordsWithSplitIds<ConsumerRecord<byte[], byte[]>> fetch() {
        RecordsBySplits.Builder<ConsumerRecord<byte[], byte[]>> batch = new RecordsBySplits.Builder<>();
        if (consumer.assignment().isEmpty()) {
            return batch.build();
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(POLL);
        } catch (WakeupException e) {
            return batch.build();
        }
        lookUpEnds();
        List<TopicPartition> done = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (TopicPartition tp : consumer.assignment()) {
            Long end = endingOffsets.get(tp);
            long lastArrival = -1;
            List<ConsumerRecord<byte[], byte[]>> fetched = records.records(tp);
            if (!fetched.isEmpty()) {
                // One split id and one add per shard and fetch, not per record (a profile of the analytics benchmark
                // had the per-record id concatenation and map lookup among the source's costs).
                List<ConsumerRecord<byte[], byte[]>> inShard = fetched;
                if (end != null && fetched.get(fetched.size() - 1).offset() >= end) {
                    inShard = fetched.stream().filter(r -> r.offset() < end).toList();
                }
                if (!inShard.isEmpty()) {
                    batch.addAll(ShardSplit.id(tp.partition()), inShard);
                    lastArrival = inShard.get(inShard.size() - 1).timestamp();
                }
            }
            behind.update(tp.partition(), lastArrival, consumer.currentLag(tp).orElse(-1), now);
            if (end != null && consumer.position(tp) >= end) {
                done.add(tp);
            }
        }
        if (!done.isEmpty()) {
            for (TopicPartition tp : done) {
                batch.addFinishedSplit(ShardSplit.id(tp.partition()));
                endingOffsets.remove(tp);
                behind.finished(tp.partition());
            }
            List<TopicPartition> still = new ArrayList<>(consumer.assignment());
            still.removeAll(done);
            consumer.assign(still);
            log.debug("Shard partitions {} of {} are read to their end", done, settings.topic());
        }
        return batch.build();
    }

    /** Asks the catalog where closed shards end, for assigned shards whose end is not known yet. */
    private void lookUpEnds() {
        long now = System.nanoTime();
        boolean open = consumer.assignment().stream().anyMatch(tp -> !endingOffsets.containsKey(tp));
        if (!open || now < nextEndLookup) {
            return;
        }
        nextEndLookup = now + END_LOOKUP_INTERVAL.toNanos();
        Optional<CatalogStream> stream;
        try {
            stream = ShardlineStreams.get(settings.engine()).catalog().find(settings.streamArn());
        } catch (RuntimeException e) {
            log.warn("Looking up the shard map of {} failed; trying again", settings.streamArn(), e);
            return;
        }
        stream.filter(s -> s.topic().equals(settings.topic())).ifPresent(s -> {
            for (TopicPartition tp : consumer.assignment()) {
                s.shardOf(tp.partition()).map(CatalogShard::endingOffset).ifPresent(end -> endingOffsets.put(tp, end));
            }
        });
    }

    @Override
    public void handleSplitsChanges(SplitsChange<ShardSplit> change) {
        if (!(change instanceof SplitsAddition<ShardSplit> addition)) {
            return;
        }
        List<TopicPartition> partitions = new ArrayList<>(consumer.assignment());
        for (ShardSplit split : addition.splits()) {
            partitions.add(new TopicPartition(settings.topic(), split.partition()));
        }
        consumer.assign(partitions);
        for (ShardSplit split : addition.splits()) {
            // Below the log's start (expired records) the consumer resets to the earliest record left.
            consumer.seek(new TopicPartition(settings.topic(), split.partition()), split.nextOffset());
        }
        nextEndLookup = 0;
    }

    @Override
    public void wakeUp() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
