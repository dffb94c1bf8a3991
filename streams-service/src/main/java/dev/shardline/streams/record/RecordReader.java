package dev.shardline.streams.record;

import dev.shardline.kinesis.ShardIds;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamDirectory;
import dev.shardline.streams.stream.StreamErrors;
import dev.shardline.streams.stream.StreamView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Service;

/** GetRecords: a fetch from the shard's partition at the offset that the iterator names. */
@Service
public class RecordReader {

    /** AWS's cap on the data one GetRecords call returns. */
    static final long MAX_BYTES_PER_CALL = 10L * 1024 * 1024;

    private static final int MAX_EXPIRED_PAGES = 10;

    private final StreamDirectory directory;
    private final ShardIterators iterators;
    private final ShardFetchers fetchers;
    private final ShardThroughput throughput;
    private final StreamMetrics metrics;
    private final Clock clock;
    private final RecordCodec codec;

    // Seven: GetRecords opens the iterator, finds the stream, fetches, throttles, decodes, counts and issues the next
    // one;
    // these are the steps of one request's path, which reads better in one place than split across classes.
    RecordReader(
            StreamDirectory directory,
            ShardIterators iterators,
            ShardFetchers fetchers,
            ShardThroughput throughput,
            StreamMetrics metrics,
            Clock clock,
            RecordCodec codec) {
        this.directory = directory;
        this.iterators = iterators;
        this.fetchers = fetchers;
        this.throughput = throughput;
        this.metrics = metrics;
        this.clock = clock;
        this.codec = codec;
    }

    public RecordBatch records(String shardIterator, int limit) {
        ShardIterators.Position position = iterators.open(shardIterator);
        StreamView stream = directory
                .findById(position.streamId())
                .filter(StreamView::acceptsData)
                .orElseThrow(() -> AwsErrorType.RESOURCE_NOT_FOUND.exception(
                        "Shard iterator refers to a stream that no longer exists."));
        ShardView shard = stream.shard(position.shardIndex())
                .orElseThrow(() -> StreamErrors.shardNotFound(stream.ref(), ShardIds.format(position.shardIndex())));
        TopicPartition partition = new TopicPartition(stream.topic(), shard.index());
        // A closed shard whose end is fixed is read up to that end only; then the reader moves on to its children.
        Long end = shard.endingOffset();
        if (end != null && position.offset() >= end) {
            return new RecordBatch(List.of(), null, 0, stream.childrenOf(shard.index()));
        }
        try {
            throughput.admitRead(stream, shard);
        } catch (AwsException throttled) {
            metrics.readThrottled(stream.ref().name(), shard.shardId());
            throw throttled;
        }
        long cutoff = RetentionWindow.cutoff(stream, clock).toEpochMilli();
        List<StoredRecord> records = new ArrayList<>();
        long offset = position.offset();
        ShardFetcher.Fetch fetch;
        int pages = 0;
        do {
            int boundedLimit = end == null ? limit : (int) Math.min(limit, end - offset);
            fetch = fetchers.fetch(partition, offset, boundedLimit, MAX_BYTES_PER_CALL);
            for (ConsumerRecord<byte[], byte[]> record : fetch.records()) {
                if (end != null && record.offset() >= end) {
                    break;
                }
                if (record.timestamp() < cutoff) {
                    continue; // expired: Kafka has not deleted its segment yet
                }
                records.add(codec.decode(shard, record));
            }
            offset = fetch.nextOffset();
            // A page of nothing but expired records says nothing: read on past them, a bounded number of pages.
        } while (records.isEmpty()
                && !fetch.records().isEmpty()
                && (end == null || offset < end)
                && ++pages < MAX_EXPIRED_PAGES);
        long behind = 0;
        if (!fetch.caughtUp() && !records.isEmpty()) {
            behind = Math.max(
                    0,
                    clock.millis()
                            - records.get(records.size() - 1)
                                    .approximateArrivalTimestamp()
                                    .toEpochMilli());
        }
        throughput.chargeRead(
                stream, shard, records.stream().mapToLong(r -> r.data().length).sum());
        metrics.read(
                stream.ref().name(),
                shard.shardId(),
                records.size(),
                records.stream().mapToLong(r -> r.data().length).sum(),
                behind);
        long nextOffset = end == null ? fetch.nextOffset() : Math.min(fetch.nextOffset(), end);
        if (end != null && nextOffset >= end) {
            return new RecordBatch(records, null, behind, stream.childrenOf(shard.index()));
        }
        String next = iterators.issue(stream.id(), shard.index(), nextOffset);
        return new RecordBatch(records, next, behind, null);
    }
}
