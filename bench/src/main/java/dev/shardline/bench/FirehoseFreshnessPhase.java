package dev.shardline.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Data freshness at a 1 MiB / 60 s buffer: a paced writer puts 1 KiB records (index and send time in the body) for
 * the measured window, and a watcher lists the bucket every 100 ms, reads each new object and takes, for each measured
 * record in it, the time from its put to the object being listed. The load goes on (unmeasured filler records) until
 * every acknowledged measured record is delivered, so the last measured records see the same load as the first.
 */
final class FirehoseFreshnessPhase {

    static final int SIZE_IN_MBS = 1;
    static final int INTERVAL_IN_SECONDS = 60;

    private static final int MAGIC = 0x5348464c; // "SHFL"
    private static final int FILLER = -1;
    private static final Duration TICK = Duration.ofMillis(20);
    private static final Duration POLL = Duration.ofMillis(100);

    /** After the measured window, how long the last measured records may take: the interval and then some. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(INTERVAL_IN_SECONDS + 30);

    record Outcome(
            int rate,
            long acked,
            long sendErrors,
            long received,
            long lost,
            long duplicates,
            int objects,
            long[] sortedFreshnessNanos) {

        double percentileMillis(double percentile) {
            if (sortedFreshnessNanos.length == 0) {
                return Double.NaN;
            }
            // Nearest-rank percentile: always a freshness that was actually observed.
            int rank = (int) Math.ceil(percentile / 100.0 * sortedFreshnessNanos.length);
            return sortedFreshnessNanos[Math.max(0, rank - 1)] / 1e6;
        }

        double maxMillis() {
            return sortedFreshnessNanos.length == 0
                    ? Double.NaN
                    : sortedFreshnessNanos[sortedFreshnessNanos.length - 1] / 1e6;
        }

        String status() {
            return acked == 0 ? "NOTHING_SENT" : lost > 0 ? "LOST" : duplicates > 0 ? "DUPLICATES" : "OK";
        }
    }

    private FirehoseFreshnessPhase() {}

    static Outcome run(FirehoseClient firehose, FirehoseTarget target, int rate, Duration window)
            throws InterruptedException {
        Writer writer = new Writer(firehose, target.stream(), rate, System.nanoTime(), window);
        Thread thread = new Thread(writer, "freshness-writer");
        thread.start();

        LongList freshness = new LongList();
        BitSet received = new BitSet();
        long[] duplicates = {0};
        Set<String> seen = new HashSet<>();
        long deadline = writer.windowEnd + DELIVERY_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline && thread.isAlive()) {
                List<S3Object> listed;
                try {
                    listed = target.objects();
                } catch (SdkException e) {
                    BenchLog.warnSometimes("listing the bucket failed: " + e.getMessage());
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                long listedAt = System.nanoTime();
                for (S3Object object : listed) {
                    if (seen.contains(object.key())) {
                        continue;
                    }
                    byte[] body;
                    try {
                        body = target.read(object.key());
                    } catch (NoSuchKeyException e) {
                        // The embedded store lists an object's temporary file while it writes it: not an object yet.
                        continue;
                    }
                    seen.add(object.key());
                    measure(body, listedAt, freshness, received, duplicates);
                }
                if (System.nanoTime() > writer.windowEnd && writer.allReceived(received)) {
                    break;
                }
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            writer.stop.set(true);
            thread.join();
        }
        return new Outcome(
                rate,
                writer.acked(),
                writer.sendErrors.get(),
                received.cardinality(),
                writer.missing(received),
                duplicates[0],
                seen.size(),
                freshness.toSortedArray());
    }

    /** The measured records of one object: each one's freshness is the time from its put to the object's listing. */
    private static void measure(byte[] object, long listedAt, LongList freshness, BitSet received, long[] duplicates) {
        ByteBuffer buffer = ByteBuffer.wrap(object);
        for (int at = 0; at + Payloads.RECORD_BYTES <= object.length; at += Payloads.RECORD_BYTES) {
            int index = buffer.getInt(at + 4);
            if (buffer.getInt(at) != MAGIC || index == FILLER) {
                continue;
            }
            if (received.get(index)) {
                duplicates[0]++;
                continue;
            }
            received.set(index);
            freshness.add(listedAt - buffer.getLong(at + 8));
        }
    }

    /** A PutRecordBatch every 20 ms with that tick's share of the rate; measured until windowEnd, filler after. */
    private static final class Writer implements Runnable {

        private final FirehoseClient firehose;
        private final String stream;
        private final int rate;
        private final long start;
        final long windowEnd;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong sendErrors = new AtomicLong();
        private final BitSet acked = new BitSet();

        Writer(FirehoseClient firehose, String stream, int rate, long start, Duration window) {
            this.firehose = firehose;
            this.stream = stream;
            this.rate = rate;
            this.start = start;
            this.windowEnd = start + window.toNanos();
        }

        synchronized long acked() {
            return acked.cardinality();
        }

        /** Acknowledged measured records not received; only final once the writer is past the window. */
        synchronized long missing(BitSet received) {
            BitSet missing = (BitSet) acked.clone();
            missing.andNot(received);
            return missing.cardinality();
        }

        boolean allReceived(BitSet received) {
            return missing(received) == 0;
        }

        @Override
        public void run() {
            long nextTick = start;
            long due = 0;
            int index = 0;
            while (!stop.get()) {
                nextTick = Math.max(nextTick + TICK.toNanos(), System.nanoTime() - TICK.toNanos());
                long wait = nextTick - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long now = System.nanoTime();
                long target = rate * (now - start) / 1_000_000_000L;
                // A writer that fell behind (slow calls) sends what is due in one batch, at most a full one.
                int count = (int) Math.min(500, target - due);
                due = target;
                if (count <= 0) {
                    continue;
                }
                boolean measured = now < windowEnd;
                List<Record> records = new ArrayList<>(count);
                int first = index;
                for (int i = 0; i < count; i++) {
                    records.add(record(measured ? index++ : FILLER, now));
                }
                try {
                    PutRecordBatchResponse response = firehose.putRecordBatch(
                            r -> r.deliveryStreamName(stream).records(records));
                    sendErrors.addAndGet(response.failedPutCount());
                    if (measured) {
                        acknowledge(first, response);
                    }
                } catch (SdkException e) {
                    sendErrors.addAndGet(count);
                    BenchLog.warnSometimes("PutRecordBatch failed: " + e.getMessage());
                }
            }
        }

        private synchronized void acknowledge(int first, PutRecordBatchResponse response) {
            for (int i = 0; i < response.requestResponses().size(); i++) {
                if (response.requestResponses().get(i).errorCode() == null) {
                    acked.set(first + i);
                }
            }
        }
    }

    private static Record record(int index, long sentNanos) {
        byte[] data = new byte[Payloads.RECORD_BYTES];
        ThreadLocalRandom.current().nextBytes(data);
        ByteBuffer.wrap(data).putInt(MAGIC).putInt(index).putLong(sentNanos);
        return Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build();
    }
}
