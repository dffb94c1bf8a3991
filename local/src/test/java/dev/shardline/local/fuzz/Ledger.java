package dev.shardline.local.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A well-behaved producer beside the fuzzer: it puts numbered records into a stream the fuzzer never names, keeps
 * the numbers the service acknowledged, and afterwards reads the stream from its start to show none was lost.
 */
final class Ledger implements AutoCloseable {

    private final KinesisClient kinesis;
    private final String stream;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread writer;

    Ledger(KinesisClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.writer = new Thread(this::write, "fuzz-ledger");
        this.writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    private void write() {
        long n = 0;
        while (running.get()) {
            String id = "ledger-" + n++;
            try {
                kinesis.putRecord(r ->
                        r.streamName(stream).partitionKey(id).data(SdkBytes.fromString(id, StandardCharsets.UTF_8)));
                acknowledged.add(id);
            } catch (RuntimeException e) {
                // not acknowledged, so not owed: counted, and the check below only holds the service to its acks
                refused.incrementAndGet();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops writing; the acknowledged ids. */
    Set<String> stop() throws InterruptedException {
        running.set(false);
        writer.join(30_000);
        return Set.copyOf(acknowledged);
    }

    long refused() {
        return refused.get();
    }

    /** Every record of the stream, read from TRIM_HORIZON of each shard up to its tip. */
    Set<String> readAll() {
        Set<String> read = new HashSet<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse records =
                        kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                for (Record record : records.records()) {
                    read.add(record.data().asUtf8String());
                }
                iterator = records.records().isEmpty() && records.millisBehindLatest() == 0
                        ? null
                        : records.nextShardIterator();
            }
        }
        return read;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
