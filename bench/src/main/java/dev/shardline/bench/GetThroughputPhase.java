package dev.shardline.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Phase b: read every shard from TRIM_HORIZON to the end, one thread per shard, and check nothing went missing. */
final class GetThroughputPhase {

    static final int LIMIT = 10_000;

    /** Whole-phase bound; a healthy server reads a 20 s write burst back in a fraction of that. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(180);

    /**
     * A shard that looks finished (empty answer, MillisBehindLatest 0) but has delivered fewer records than were
     * acknowledged on it is polled this much longer, so a lagging server is not mistaken for a losing one.
     */
    private static final Duration MISSING_GRACE = Duration.ofSeconds(5);

    /** A shard whose every call fails for this long is given up on: the phase then reports an error. */
    static final Duration GIVE_UP_AFTER_ERRORS = Duration.ofSeconds(30);

    private static final Duration ERROR_BACKOFF = Duration.ofMillis(100);
    private static final Duration EMPTY_BACKOFF = Duration.ofMillis(10);

    record Outcome(
            long elapsedNanos,
            long calls,
            long callErrors,
            long read,
            long bytes,
            long expected,
            long lost,
            long duplicates,
            long unacknowledged,
            long foreign,
            long duplicateSequenceNumbers,
            long outOfOrder) {

        double recordsPerSecond() {
            return read / (elapsedNanos / 1e9);
        }

        double mibPerSecond() {
            return bytes / (elapsedNanos / 1e9) / (1024.0 * 1024.0);
        }

        boolean ok() {
            return lost == 0 && duplicateSequenceNumbers == 0 && outOfOrder == 0;
        }
    }

    private GetThroughputPhase() {}

    static Outcome run(KinesisClient kinesis, BenchStream stream, PutThroughputPhase.Outcome put)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + READ_TIMEOUT.toNanos();
        List<ShardReader> tasks = new ArrayList<>();
        for (String shardId : stream.shardIds()) {
            long expected = put.ackedPerShard().getOrDefault(shardId, 0L);
            tasks.add(new ShardReader(kinesis, stream.name(), shardId, expected, deadline));
        }
        List<ShardReader> done;
        try (Workers<ShardReader> workers = Workers.start("reader", tasks)) {
            done = workers.await(READ_TIMEOUT.plus(Workers.IN_FLIGHT_CALL_SLACK));
        }
        long elapsed = System.nanoTime() - start;
        return verify(elapsed, done, put);
    }

    private static Outcome verify(long elapsed, List<ShardReader> readers, PutThroughputPhase.Outcome put) {
        BitSet[] acked = put.ackedIndexes();
        BitSet[] seen = new BitSet[acked.length];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = new BitSet();
        }
        long calls = 0;
        long errors = 0;
        long read = 0;
        long bytes = 0;
        long duplicates = 0;
        long unacknowledged = 0;
        long foreign = 0;
        long duplicateSeq = 0;
        long outOfOrder = 0;
        long seenAcked = 0;
        for (ShardReader r : readers) {
            calls += r.calls;
            errors += r.callErrors;
            read += r.keys.size();
            bytes += r.bytes;
            duplicateSeq += r.duplicateSequenceNumbers;
            outOfOrder += r.outOfOrder;
            for (int i = 0; i < r.keys.size(); i++) {
                long key = r.keys.get(i);
                int producer = (int) (key >>> 32);
                int index = (int) key;
                if (key == Payloads.NOT_OURS || producer < 0 || producer >= acked.length) {
                    foreign++;
                } else if (seen[producer].get(index)) {
                    duplicates++;
                } else {
                    seen[producer].set(index);
                    if (acked[producer].get(index)) {
                        seenAcked++;
                    } else {
                        // Stored although the producer never saw it acknowledged (a call that errored or timed out).
                        unacknowledged++;
                    }
                }
            }
        }
        return new Outcome(
                elapsed,
                calls,
                errors,
                read,
                bytes,
                put.acked(),
                put.acked() - seenAcked,
                duplicates,
                unacknowledged,
                foreign,
                duplicateSeq,
                outOfOrder);
    }

    private static final class ShardReader implements Callable<ShardReader> {

        private final KinesisClient kinesis;
        private final String stream;
        private final String shardId;
        private final long expected;
        private final long deadline;

        private final LongList keys = new LongList();
        private long bytes;
        private long calls;
        private long callErrors;
        private long duplicateSequenceNumbers;
        private long outOfOrder;
        private String lastSequenceNumber;

        ShardReader(KinesisClient kinesis, String stream, String shardId, long expected, long deadline) {
            this.kinesis = kinesis;
            this.stream = stream;
            this.shardId = shardId;
            this.expected = expected;
            this.deadline = deadline;
        }

        @Override
        public ShardReader call() {
            String iterator = iterator();
            long lastProgress = System.nanoTime();
            long lastSuccess = lastProgress;
            while (iterator != null
                    && System.nanoTime() < deadline
                    && !Thread.currentThread().isInterrupted()) {
                GetRecordsResponse response;
                try {
                    String current = iterator;
                    response = kinesis.getRecords(b -> b.shardIterator(current).limit(LIMIT));
                    calls++;
                } catch (ExpiredIteratorException e) {
                    iterator = iterator();
                    continue;
                } catch (SdkException e) {
                    callErrors++;
                    BenchLog.warnSometimes("GetRecords on " + shardId + " failed: " + e.getMessage());
                    giveUpIfFailingSince(lastSuccess, e);
                    LockSupport.parkNanos(ERROR_BACKOFF.toNanos());
                    continue;
                }
                long now = System.nanoTime();
                lastSuccess = now;
                List<Record> records = response.records();
                records.forEach(this::accept);
                iterator = response.nextShardIterator();
                long behind = response.millisBehindLatest() == null ? 0 : response.millisBehindLatest();
                if (!records.isEmpty()) {
                    lastProgress = now;
                } else if (behind == 0) {
                    if (keys.size() >= expected || now - lastProgress > MISSING_GRACE.toNanos()) {
                        break;
                    }
                    LockSupport.parkNanos(EMPTY_BACKOFF.toNanos());
                }
            }
            return this;
        }

        private void giveUpIfFailingSince(long lastSuccess, SdkException e) {
            if (System.nanoTime() - lastSuccess > GIVE_UP_AFTER_ERRORS.toNanos()) {
                throw new IllegalStateException(
                        "GetRecords on " + shardId + " failing for " + GIVE_UP_AFTER_ERRORS.toSeconds() + " s", e);
            }
        }

        /** TRIM_HORIZON at first; after an expiry, resume right behind the last record already read. */
        private String iterator() {
            return kinesis.getShardIterator(b -> {
                        b.streamName(stream).shardId(shardId);
                        if (lastSequenceNumber == null) {
                            b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                        } else {
                            b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                    .startingSequenceNumber(lastSequenceNumber);
                        }
                    })
                    .shardIterator();
        }

        private void accept(Record record) {
            ByteBuffer data = record.data().asByteBuffer();
            bytes += data.remaining();
            keys.add(Payloads.throughputKey(data));
            String sequenceNumber = record.sequenceNumber();
            if (lastSequenceNumber != null) {
                // Within a shard Kinesis hands out strictly increasing sequence numbers.
                int cmp = SequenceNumbers.compare(sequenceNumber, lastSequenceNumber);
                if (cmp == 0) {
                    duplicateSequenceNumbers++;
                } else if (cmp < 0) {
                    outOfOrder++;
                }
            }
            lastSequenceNumber = sequenceNumber;
        }
    }
}
