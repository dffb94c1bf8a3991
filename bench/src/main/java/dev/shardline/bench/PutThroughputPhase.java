package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** Phase a: concurrent PutRecords producers, 500 x 1 KiB records per call, for a fixed time. */
final class PutThroughputPhase {

    static final int BATCH_SIZE = 500;

    /** Records that failed when time ran out still get this long to be retried, so nothing is dropped silently. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

    private static final Duration ERROR_BACKOFF = Duration.ofMillis(100);
    private static final Duration THROTTLE_BACKOFF = Duration.ofMillis(20);

    record Outcome(
            int producers,
            long elapsedNanos,
            long calls,
            long acked,
            long failedEntries,
            long callErrors,
            long unsent,
            BitSet[] ackedIndexes,
            Map<String, Long> ackedPerShard) {

        double recordsPerSecond() {
            return acked / (elapsedNanos / 1e9);
        }

        double mibPerSecond() {
            return recordsPerSecond() * Payloads.RECORD_BYTES / (1024.0 * 1024.0);
        }
    }

    private PutThroughputPhase() {}

    static Outcome run(KinesisClient kinesis, String stream, int producers, Duration duration)
            throws InterruptedException {
        long start = System.nanoTime();
        long sendDeadline = start + duration.toNanos();
        long drainDeadline = sendDeadline + DRAIN_TIMEOUT.toNanos();
        List<Producer> tasks = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            tasks.add(new Producer(kinesis, stream, i, sendDeadline, drainDeadline));
        }
        List<Producer> done;
        try (Workers<Producer> workers = Workers.start("producer", tasks)) {
            done = workers.await(duration.plus(DRAIN_TIMEOUT).plus(Workers.IN_FLIGHT_CALL_SLACK));
        }
        long elapsed = System.nanoTime() - start;

        long calls = 0;
        long acked = 0;
        long failed = 0;
        long errors = 0;
        long unsent = 0;
        BitSet[] ackedIndexes = new BitSet[producers];
        Map<String, Long> perShard = new HashMap<>();
        for (Producer p : done) {
            calls += p.calls;
            acked += p.acked;
            failed += p.failedEntries;
            errors += p.callErrors;
            unsent += p.pending.size();
            ackedIndexes[p.index] = p.ackedIndexes;
            p.ackedPerShard.forEach((shard, count) -> perShard.merge(shard, count, Long::sum));
        }
        return new Outcome(producers, elapsed, calls, acked, failed, errors, unsent, ackedIndexes, perShard);
    }

    /** A record waiting to be (re)sent, with the index that identifies it when read back. */
    private record Pending(int index, PutRecordsRequestEntry entry) {}

    private static final class Producer implements Callable<Producer> {

        private final KinesisClient kinesis;
        private final String stream;
        private final int index;
        private final long sendDeadline;
        private final long drainDeadline;

        private final BitSet ackedIndexes = new BitSet();
        private final Map<String, Long> ackedPerShard = new HashMap<>();
        private List<Pending> pending = new ArrayList<>();
        private int nextIndex;
        private long calls;
        private long acked;
        private long failedEntries;
        private long callErrors;

        Producer(KinesisClient kinesis, String stream, int index, long sendDeadline, long drainDeadline) {
            this.kinesis = kinesis;
            this.stream = stream;
            this.index = index;
            this.sendDeadline = sendDeadline;
            this.drainDeadline = drainDeadline;
        }

        @Override
        public Producer call() {
            while (System.nanoTime() < sendDeadline && !Thread.currentThread().isInterrupted()) {
                send(nextBatch(true));
            }
            // Only retries from here on: the measured window includes them, so failures cost throughput.
            while (!pending.isEmpty()
                    && System.nanoTime() < drainDeadline
                    && !Thread.currentThread().isInterrupted()) {
                send(nextBatch(false));
            }
            return this;
        }

        private List<Pending> nextBatch(boolean fillWithNew) {
            // Failed records go first, so a record is retried in the very next call.
            List<Pending> batch = new ArrayList<>(BATCH_SIZE);
            int retries = Math.min(BATCH_SIZE, pending.size());
            batch.addAll(pending.subList(0, retries));
            pending = new ArrayList<>(pending.subList(retries, pending.size()));
            while (fillWithNew && batch.size() < BATCH_SIZE) {
                int recordIndex = nextIndex++;
                batch.add(new Pending(
                        recordIndex,
                        PutRecordsRequestEntry.builder()
                                .partitionKey(Payloads.randomPartitionKey())
                                .data(SdkBytes.fromByteArrayUnsafe(Payloads.throughputRecord(index, recordIndex)))
                                .build()));
            }
            return batch;
        }

        private void send(List<Pending> batch) {
            PutRecordsResponse response;
            try {
                response = kinesis.putRecords(b -> b.streamName(stream)
                        .records(batch.stream().map(Pending::entry).toList()));
                calls++;
            } catch (SdkException e) {
                // Outcome unknown (the server may have stored some): retry all; duplicates are reported on read.
                callErrors++;
                BenchLog.warnSometimes("PutRecords failed: " + e.getMessage());
                requeue(batch);
                LockSupport.parkNanos(ERROR_BACKOFF.toNanos());
                return;
            }
            List<PutRecordsResultEntry> results = response.records();
            if (results.size() != batch.size()) {
                callErrors++;
                BenchLog.warnSometimes("PutRecords answered " + results.size() + " entries for " + batch.size());
                requeue(batch);
                return;
            }
            List<Pending> failed = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                PutRecordsResultEntry result = results.get(i);
                if (result.errorCode() != null) {
                    failed.add(batch.get(i));
                } else {
                    acked++;
                    ackedIndexes.set(batch.get(i).index());
                    ackedPerShard.merge(result.shardId(), 1L, Long::sum);
                }
            }
            failedEntries += failed.size();
            requeue(failed);
            if (!failed.isEmpty() && failed.size() == batch.size()) {
                // Everything throttled: back off a little instead of hammering an overloaded server.
                LockSupport.parkNanos(THROTTLE_BACKOFF.toNanos());
            }
        }

        private void requeue(List<Pending> records) {
            List<Pending> merged = new ArrayList<>(records);
            merged.addAll(pending);
            pending = merged;
        }
    }
}
