package dev.shardline.streams.record;

import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamDirectory;
import dev.shardline.streams.stream.StreamErrors;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamView;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Service;

/**
 * Opens {@link ShardCursor}s for SubscribeToShard. A starting position resolves as GetShardIterator resolves it, and a
 * cursor reads through the same pooled fetchers as GetRecords, so a subscription opens no Kafka consumer of its own.
 * Reads are counted under CloudWatch's {@code SubscribeToShardEvent.*} names.
 */
@Service
public class ShardCursors {

    /** What one read returns at most: a batch the size of a GetRecords call would make events of tens of MiB. */
    static final int MAX_RECORDS_PER_READ = 10_000;

    static final long MAX_BYTES_PER_READ = 1024 * 1024;

    private final StreamDirectory directory;
    private final ShardIteratorService positions;
    private final ShardFetchers fetchers;
    private final RecordCodec codec;
    private final MeterRegistry metrics;
    private final Clock clock;

    // Six: opening resolves the starting position; each read finds the stream, fetches, decodes, counts and measures
    // lag.
    ShardCursors(
            StreamDirectory directory,
            ShardIteratorService positions,
            ShardFetchers fetchers,
            RecordCodec codec,
            MeterRegistry metrics,
            Clock clock) {
        this.directory = directory;
        this.positions = positions;
        this.fetchers = fetchers;
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A cursor at the starting position; the errors are GetShardIterator's. */
    public ShardCursor open(
            StreamRef ref, String shardId, IteratorType type, String sequenceNumber, Instant timestamp) {
        ShardIteratorService.StartingPoint start = positions.resolve(ref, shardId, type, sequenceNumber, timestamp);
        return new ShardCursor(this, start.stream(), start.shard(), start.offset());
    }

    ShardCursor.Page read(ShardCursor cursor) {
        StreamView stream = directory
                .findById(cursor.stream().id())
                .filter(StreamView::acceptsData)
                .orElseThrow(() -> StreamErrors.notFound(cursor.stream().ref()));
        // The current view of the shard: it may have been closed by a resharding since the cursor opened.
        ShardView shard = stream.shard(cursor.shardIndex()).orElse(cursor.shard());
        TopicPartition partition = new TopicPartition(stream.topic(), shard.index());
        Long end = shard.endingOffset();
        if (end != null && cursor.nextOffset() >= end) {
            return cursor.end(List.of(), stream.childrenOf(shard.index()));
        }
        int limit =
                end == null ? MAX_RECORDS_PER_READ : (int) Math.min(MAX_RECORDS_PER_READ, end - cursor.nextOffset());
        ShardFetcher.Fetch fetch = fetchers.fetch(partition, cursor.nextOffset(), limit, MAX_BYTES_PER_READ);
        long cutoff = RetentionWindow.cutoff(stream, clock).toEpochMilli();
        List<StoredRecord> records = new ArrayList<>(fetch.records().size());
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> record : fetch.records()) {
            if (end != null && record.offset() >= end) {
                break;
            }
            if (record.timestamp() < cutoff) {
                continue;
            }
            StoredRecord stored = codec.decode(shard, record);
            records.add(stored);
            bytes += stored.data().length;
        }
        long behind = 0;
        if (!fetch.caughtUp() && !records.isEmpty()) {
            behind = Math.max(
                    0,
                    clock.millis()
                            - records.get(records.size() - 1)
                                    .approximateArrivalTimestamp()
                                    .toEpochMilli());
        }
        String name = stream.ref().name();
        metrics.counter("SubscribeToShardEvent.Records", "stream", name).increment(records.size());
        metrics.counter("SubscribeToShardEvent.Bytes", "stream", name).increment(bytes);
        DistributionSummary.builder("SubscribeToShardEvent.MillisBehindLatest")
                .tag("stream", name)
                .baseUnit("milliseconds")
                .register(metrics)
                .record(behind);
        long nextOffset = end == null ? fetch.nextOffset() : Math.min(fetch.nextOffset(), end);
        if (end != null && nextOffset >= end) {
            cursor.advance(records, nextOffset, behind);
            return cursor.end(records, stream.childrenOf(shard.index()));
        }
        return cursor.advance(records, nextOffset, behind);
    }
}
