package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * DirectPut into S3: concurrent PutRecordBatch producers (500 x 1 KiB records a call) for a fixed time, then the
 * bucket is watched until every acknowledged byte is in it. Records are uncompressed and undelimited, so the objects'
 * sizes add up to exactly the acknowledged bytes: fewer means lost records, more means duplicates.
 */
final class FirehoseThroughputPhase {

    static final int BATCH_SIZE = 500;

    /** The throughput stream's buffering: AWS's default size, and a 1 s interval so the tail does not wait. */
    static final int SIZE_IN_MBS = 5;

    static final int INTERVAL_IN_SECONDS = 1;

    /** After the producers stop, how long the last records may take to reach the bucket. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration ERROR_BACKOFF = Duration.ofMillis(100);

    record Outcome(
            int producers,
            long putNanos,
            long deliveredNanos,
            long calls,
            long callErrors,
            long failedEntries,
            long ackedRecords,
            long ackedBytes,
            long deliveredBytes,
            int objects) {

        double putRecordsPerSecond() {
            return ackedRecords / (putNanos / 1e9);
        }

        double deliveredRecordsPerSecond() {
            return (double) deliveredBytes / Payloads.RECORD_BYTES / (deliveredNanos / 1e9);
        }

        double deliveredMibPerSecond() {
            return deliveredBytes / (1024.0 * 1024.0) / (deliveredNanos / 1e9);
        }

        String status() {
            if (ackedRecords == 0) {
                return "NOTHING_SENT";
            }
            return deliveredBytes == ackedBytes ? "OK" : deliveredBytes < ackedBytes ? "LOST" : "DUPLICATES";
        }
    }

    private FirehoseThroughputPhase() {}

    static Outcome run(FirehoseClient firehose, FirehoseTarget target, int producers, Duration duration)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            futures.add(pool.submit(producer(firehose, target.stream(), deadline)));
        }
        long[] totals = new long[4]; // calls, call errors, failed entries, acked records
        try {
            for (Future<long[]> future : futures) {
                long[] counts = future.get();
                for (int i = 0; i < totals.length; i++) {
                    totals[i] += counts[i];
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a producer failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long putNanos = System.nanoTime() - start;
        long ackedBytes = totals[3] * Payloads.RECORD_BYTES;

        long deliveryDeadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        long delivered = 0;
        int objects = 0;
        long lastGrowth = System.nanoTime();
        boolean complete = false;
        while (System.nanoTime() < deliveryDeadline) {
            List<S3Object> listed = target.objects();
            long bytes = listed.stream().mapToLong(S3Object::size).sum();
            if (bytes != delivered) {
                lastGrowth = System.nanoTime();
            }
            // Two listings in a row: the embedded store lists an object's temporary file while it writes it.
            if (bytes >= ackedBytes && bytes == delivered && complete) {
                break;
            }
            complete = bytes >= ackedBytes;
            delivered = bytes;
            objects = listed.size();
            Thread.sleep(POLL.toMillis());
        }
        // The bucket grew last at lastGrowth: that is when the last record arrived (within one poll).
        return new Outcome(
                producers,
                putNanos,
                lastGrowth - start,
                totals[0],
                totals[1],
                totals[2],
                totals[3],
                ackedBytes,
                delivered,
                objects);
    }

    /** Sends full batches until the deadline; entries that failed are sent again in the next call. */
    private static Callable<long[]> producer(FirehoseClient firehose, String stream, long deadline) {
        return () -> {
            long calls = 0;
            long callErrors = 0;
            long failedEntries = 0;
            long acked = 0;
            List<Record> batch = new ArrayList<>(BATCH_SIZE);
            while (System.nanoTime() < deadline) {
                while (batch.size() < BATCH_SIZE) {
                    batch.add(record());
                }
                calls++;
                PutRecordBatchResponse response;
                try {
                    response = firehose.putRecordBatch(
                            r -> r.deliveryStreamName(stream).records(batch));
                } catch (SdkException e) {
                    callErrors++;
                    BenchLog.warnSometimes("PutRecordBatch failed: " + e.getMessage());
                    Thread.sleep(ERROR_BACKOFF.toMillis());
                    continue;
                }
                List<Record> retry = new ArrayList<>();
                List<PutRecordBatchResponseEntry> entries = response.requestResponses();
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.get(i).errorCode() != null) {
                        retry.add(batch.get(i));
                    } else {
                        acked++;
                    }
                }
                failedEntries += retry.size();
                batch.clear();
                batch.addAll(retry);
            }
            return new long[] {calls, callErrors, failedEntries, acked};
        };
    }

    private static Record record() {
        byte[] data = new byte[Payloads.RECORD_BYTES];
        ThreadLocalRandom.current().nextBytes(data);
        return Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build();
    }
}
