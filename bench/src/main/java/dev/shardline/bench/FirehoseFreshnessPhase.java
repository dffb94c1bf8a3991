package dev.shardline.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Data freshness at a 1 MiB / 60 s buffer: a paced writer puts 1 KiB records (send time in the body) for the measured
 * window, and a watcher lists the bucket every 100 ms, reads each new object and takes, for each measured record in
 * it, the time from its put to the object being listed. The load goes on (unmeasured filler records) until every
 * measured record is delivered, so the last measured records see the same load as the first and are cut by size.
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

    record Outcome(int rate, long sent, long sendErrors, long received, int objects, long[] sortedFreshnessNanos) {

        double percentileMillis(double percentile) {
            if (sortedFreshnessNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * sortedFreshnessNanos.length);
            return sortedFreshnessNanos[Math.max(0, rank - 1)] / 1e6;
        }

        double maxMillis() {
            return sortedFreshnessNanos.length == 0
                    ? Double.NaN
                    : sortedFreshnessNanos[sortedFreshnessNanos.length - 1] / 1e6;
        }

        String status() {
            return sent == 0 ? "NOTHING_SENT" : received == sent ? "OK" : received < sent ? "LOST" : "DUPLICATES";
        }
    }

    private FirehoseFreshnessPhase() {}

    static Outcome run(FirehoseClient firehose, FirehoseTarget target, int rate, Duration window)
            throws InterruptedException {
        AtomicLong measuredSent = new AtomicLong();
        AtomicLong sendErrors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long start = System.nanoTime();
        long windowEnd = start + window.toNanos();
        Thread writer = new Thread(
                () -> write(firehose, target.stream(), rate, start, windowEnd, stop, measuredSent, sendErrors),
                "freshness-writer");
        writer.start();

        LongList freshness = new LongList();
        Set<String> seen = new HashSet<>();
        long received = 0;
        long deadline = windowEnd + DELIVERY_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
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
                    received += measure(body, listedAt, freshness);
                }
                if (System.nanoTime() > windowEnd && !writer.isAlive()) {
                    break;
                }
                if (System.nanoTime() > windowEnd && received >= measuredSent.get()) {
                    break;
                }
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        return new Outcome(
                rate, measuredSent.get(), sendErrors.get(), received, seen.size(), freshness.toSortedArray());
    }

    /** The measured records of one object: each one's freshness is the time from its put to the object's listing. */
    private static long measure(byte[] object, long listedAt, LongList freshness) {
        long measured = 0;
        ByteBuffer buffer = ByteBuffer.wrap(object);
        for (int at = 0; at + Payloads.RECORD_BYTES <= object.length; at += Payloads.RECORD_BYTES) {
            if (buffer.getInt(at) != MAGIC || buffer.getInt(at + 4) == FILLER) {
                continue;
            }
            freshness.add(listedAt - buffer.getLong(at + 8));
            measured++;
        }
        return measured;
    }

    /** A PutRecordBatch every 20 ms with that tick's share of the rate; measured until windowEnd, filler after. */
    private static void write(
            FirehoseClient firehose,
            String stream,
            int rate,
            long start,
            long windowEnd,
            AtomicBoolean stop,
            AtomicLong measuredSent,
            AtomicLong sendErrors) {
        long ticks = 0;
        long due = 0;
        int index = 0;
        while (!stop.get()) {
            long tickAt = start + ticks * TICK.toNanos();
            long wait = tickAt - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            ticks++;
            long target = rate * ticks * TICK.toMillis() / 1000;
            int count = (int) Math.min(500, target - due);
            due = target;
            if (count <= 0) {
                continue;
            }
            long now = System.nanoTime();
            boolean measured = now < windowEnd;
            List<Record> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                records.add(record(measured ? index++ : FILLER, now));
            }
            try {
                int failed = firehose.putRecordBatch(
                                r -> r.deliveryStreamName(stream).records(records))
                        .failedPutCount();
                if (measured) {
                    measuredSent.addAndGet(count - failed);
                }
                sendErrors.addAndGet(failed);
            } catch (SdkException e) {
                sendErrors.addAndGet(count);
                BenchLog.warnSometimes("PutRecordBatch failed: " + e.getMessage());
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
