package dev.shardline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads the application's output stream (one shard) with GetRecords as a consumer would, every 20 ms when there is
 * nothing new, and keeps each window result with the time it was written (ApproximateArrivalTimestamp: the sink's
 * write) and the time this reader saw it. Survives the server going away: it starts again after the last record seen.
 */
final class WindowResults implements AutoCloseable {

    /** One output row: a key's count in the window that ends at {@code windowEnd} (epoch ms). */
    record Row(String key, long windowEnd, long count, long arrivalMillis, long seenMillis) {}

    private static final long EMPTY_POLL_MILLIS = 20;
    private static final long ERROR_BACKOFF_MILLIS = 200;

    private final KinesisClient kinesis;
    private final String stream;
    private final String shardId;
    private final List<Row> rows = new ArrayList<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private String lastSequence;

    WindowResults(KinesisClient kinesis, String stream, String shardId) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.shardId = shardId;
        this.thread = new Thread(this::run, "window-results-" + stream);
        thread.setDaemon(true);
        thread.start();
    }

    /** The sum of the counts read so far. */
    long total() {
        return total.get();
    }

    long errors() {
        return errors.get();
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    private void run() {
        String iterator = null;
        while (running) {
            try {
                if (iterator == null) {
                    iterator = iterator();
                }
                String current = iterator;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
                long seen = System.currentTimeMillis();
                for (Record record : page.records()) {
                    add(record, seen);
                }
                iterator = page.nextShardIterator();
                if (page.records().isEmpty()) {
                    WindowEvents.sleep(EMPTY_POLL_MILLIS);
                }
            } catch (SdkException | IllegalStateException e) {
                if (!running) {
                    return;
                }
                errors.incrementAndGet();
                iterator = null;
                try {
                    Thread.sleep(ERROR_BACKOFF_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private String iterator() {
        String after = lastSequence;
        return after == null
                ? kinesis.getShardIterator(r ->
                                r.streamName(stream).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator()
                : kinesis.getShardIterator(r -> r.streamName(stream)
                                .shardId(shardId)
                                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                .startingSequenceNumber(after))
                        .shardIterator();
    }

    private void add(Record record, long seen) {
        JsonNode json = JsonNode.parser().parse(record.data().asUtf8String());
        String key = json.field("k").map(JsonNode::text).orElse("?");
        long lastTs =
                Long.parseLong(json.field("last_ts").map(JsonNode::asNumber).orElse("0"));
        long count = Long.parseLong(json.field("cnt").map(JsonNode::asNumber).orElse("0"));
        long windowEnd = Math.floorDiv(lastTs, 1000) * 1000 + 1000;
        synchronized (this) {
            rows.add(new Row(
                    key, windowEnd, count, record.approximateArrivalTimestamp().toEpochMilli(), seen));
        }
        total.addAndGet(count);
        lastSequence = record.sequenceNumber();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
