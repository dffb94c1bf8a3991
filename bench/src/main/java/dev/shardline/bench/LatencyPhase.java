package dev.shardline.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Phase c: put-to-get latency. One writer sends single PutRecord calls at a fixed rate with System.nanoTime() in the
 * body; one reader per shard polls GetRecords from LATEST. Writer and readers share a JVM, so the clocks agree.
 */
final class LatencyPhase {

    /** After the writer stops, readers wait at most this long for records still in flight. */
    private static final Duration RECEIVE_GRACE = Duration.ofSeconds(10);

    /**
     * Parked after an empty answer only: caps an idle reader at about 1 000 GetRecords per second per shard, so
     * polling does not starve the server of CPU on a small machine, at a cost of at most 1 ms added latency.
     */
    private static final Duration EMPTY_BACKOFF = Duration.ofMillis(1);

    private static final Duration ERROR_BACKOFF = Duration.ofMillis(100);

    record Outcome(
            int targetRate,
            long sendNanos,
            long sent,
            long sendErrors,
            long received,
            long lost,
            long duplicates,
            long getCalls,
            long getErrors,
            long[] sortedLatencyNanos) {

        double achievedRate() {
            return sent / (sendNanos / 1e9);
        }

        double percentileMillis(double percentile) {
            if (sortedLatencyNanos.length == 0) {
                return Double.NaN;
            }
            // Nearest-rank percentile: always a latency that was actually observed.
            int rank = (int) Math.ceil(percentile / 100.0 * sortedLatencyNanos.length);
            return sortedLatencyNanos[Math.max(0, rank - 1)] / 1e6;
        }

        double maxMillis() {
            return sortedLatencyNanos.length == 0
                    ? Double.NaN
                    : sortedLatencyNanos[sortedLatencyNanos.length - 1] / 1e6;
        }

        boolean ok() {
            return lost == 0 && sent > 0;
        }
    }

    private LatencyPhase() {}

    static Outcome run(KinesisClient kinesis, BenchStream stream, int rate, Duration duration)
            throws InterruptedException {
        // Iterators are taken before the first write, so LATEST covers every record the writer sends.
        List<ShardPoller> pollers = new ArrayList<>();
        Progress progress = new Progress();
        for (String shardId : stream.shardIds()) {
            pollers.add(new ShardPoller(kinesis, stream.name(), shardId, progress));
        }
        List<ShardPoller> done;
        Writer writer = new Writer(kinesis, stream.name(), rate, duration);
        try (Workers<ShardPoller> workers = Workers.start("poller", pollers)) {
            try {
                writer.run();
            } finally {
                progress.writerFinished(writer.sent, System.nanoTime());
            }
            done = workers.await(RECEIVE_GRACE.plus(Workers.IN_FLIGHT_CALL_SLACK));
        }
        return summarize(rate, writer, done);
    }

    private static Outcome summarize(int rate, Writer writer, List<ShardPoller> pollers) {
        LongList latencies = new LongList();
        BitSet seen = new BitSet();
        long received = 0;
        long duplicates = 0;
        long receivedAcked = 0;
        long calls = 0;
        long errors = 0;
        for (ShardPoller p : pollers) {
            latencies.addAll(p.latencies);
            calls += p.calls;
            errors += p.callErrors;
            for (int i = 0; i < p.indexes.size(); i++) {
                int index = (int) p.indexes.get(i);
                received++;
                if (seen.get(index)) {
                    duplicates++;
                } else {
                    seen.set(index);
                    if (writer.acked.get(index)) {
                        receivedAcked++;
                    }
                }
            }
        }
        return new Outcome(
                rate,
                writer.elapsedNanos,
                writer.sent,
                writer.errors,
                received,
                writer.sent - receivedAcked,
                duplicates,
                calls,
                errors,
                latencies.toSortedArray());
    }

    /** Lets pollers stop as soon as everything sent has arrived, or when the grace period is over. */
    private static final class Progress {
        private final AtomicLong received = new AtomicLong();
        private volatile long sent = -1;
        private volatile long giveUpAt = Long.MAX_VALUE;

        void writerFinished(long sentCount, long now) {
            giveUpAt = now + RECEIVE_GRACE.toNanos();
            sent = sentCount;
        }

        void received(int count) {
            received.addAndGet(count);
        }

        boolean done(long now) {
            long s = sent;
            return s >= 0 && (received.get() >= s || now - giveUpAt > 0);
        }
    }

    private static final class Writer {
        private final KinesisClient kinesis;
        private final String stream;
        private final long intervalNanos;
        private final Duration duration;

        private final BitSet acked = new BitSet();
        private long sent;
        private long errors;
        private long elapsedNanos;

        Writer(KinesisClient kinesis, String stream, int rate, Duration duration) {
            this.kinesis = kinesis;
            this.stream = stream;
            this.intervalNanos = 1_000_000_000L / rate;
            this.duration = duration;
        }

        void run() {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            // Sends are scheduled at fixed times rather than paced by the previous call, so a slow PutRecord shows
            // up as a lower achieved rate instead of silently stretching the schedule.
            for (int index = 0; ; index++) {
                long due = start + index * intervalNanos;
                if (due - end >= 0
                        || System.nanoTime() - end >= 0
                        || Thread.currentThread().isInterrupted()) {
                    break;
                }
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                long sentNanos = System.nanoTime();
                SdkBytes data = SdkBytes.fromByteArrayUnsafe(Payloads.latencyRecord(index, sentNanos));
                try {
                    kinesis.putRecord(b -> b.streamName(stream)
                            .partitionKey(Payloads.randomPartitionKey())
                            .data(data));
                    acked.set(index);
                    sent++;
                } catch (SdkException e) {
                    errors++;
                    BenchLog.warnSometimes("PutRecord failed: " + e.getMessage());
                }
            }
            elapsedNanos = System.nanoTime() - start;
        }
    }

    private static final class ShardPoller implements Callable<ShardPoller> {
        private final KinesisClient kinesis;
        private final String stream;
        private final String shardId;
        private final Progress progress;
        private String iterator;
        private String lastSequenceNumber;

        private final LongList latencies = new LongList();
        private final LongList indexes = new LongList();
        private long calls;
        private long callErrors;

        ShardPoller(KinesisClient kinesis, String stream, String shardId, Progress progress) {
            this.kinesis = kinesis;
            this.stream = stream;
            this.shardId = shardId;
            this.progress = progress;
            this.iterator = kinesis.getShardIterator(
                            b -> b.streamName(stream).shardId(shardId).shardIteratorType(ShardIteratorType.LATEST))
                    .shardIterator();
        }

        @Override
        public ShardPoller call() {
            long lastSuccess = System.nanoTime();
            while (iterator != null
                    && !progress.done(System.nanoTime())
                    && !Thread.currentThread().isInterrupted()) {
                GetRecordsResponse response;
                try {
                    String current = iterator;
                    response = kinesis.getRecords(b -> b.shardIterator(current).limit(GetThroughputPhase.LIMIT));
                    calls++;
                } catch (ExpiredIteratorException e) {
                    resumeAfterLastRecord();
                    continue;
                } catch (SdkException e) {
                    callErrors++;
                    BenchLog.warnSometimes("GetRecords on " + shardId + " failed: " + e.getMessage());
                    if (System.nanoTime() - lastSuccess > GetThroughputPhase.GIVE_UP_AFTER_ERRORS.toNanos()) {
                        throw new IllegalStateException("GetRecords on " + shardId + " keeps failing", e);
                    }
                    LockSupport.parkNanos(ERROR_BACKOFF.toNanos());
                    continue;
                }
                // One timestamp per answer: every record in it became visible to us at this moment.
                long receivedNanos = System.nanoTime();
                lastSuccess = receivedNanos;
                List<Record> records = response.records();
                for (Record record : records) {
                    ByteBuffer data = record.data().asByteBuffer();
                    if (Payloads.isLatencyRecord(data)) {
                        latencies.add(receivedNanos - Payloads.latencySentNanos(data));
                        indexes.add(Payloads.latencyIndex(data));
                    }
                    lastSequenceNumber = record.sequenceNumber();
                }
                progress.received(records.size());
                iterator = response.nextShardIterator();
                if (records.isEmpty()) {
                    LockSupport.parkNanos(EMPTY_BACKOFF.toNanos());
                }
            }
            return this;
        }

        private void resumeAfterLastRecord() {
            iterator = kinesis.getShardIterator(b -> {
                        b.streamName(stream).shardId(shardId);
                        if (lastSequenceNumber == null) {
                            b.shardIteratorType(ShardIteratorType.LATEST);
                        } else {
                            b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                    .startingSequenceNumber(lastSequenceNumber);
                        }
                    })
                    .shardIterator();
        }
    }
}
