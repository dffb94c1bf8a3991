package dev.shardline.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
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
 * bucket is watched until the objects' sizes add up to the acknowledged bytes (records are uncompressed and
 * undelimited). Then every object is read back and each record is found by the id it carries: an acknowledged record
 * that is missing is lost, a record found twice is a duplicate (sizes alone would let a loss and a duplicate cancel
 * out).
 */
final class FirehoseThroughputPhase {

    static final int BATCH_SIZE = 500;

    private static final int MAGIC = 0x53484654; // "SHFT"

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
            int objects,
            long lostRecords,
            long duplicateRecords) {

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
            return lostRecords > 0 ? "LOST" : duplicateRecords > 0 ? "DUPLICATES" : "OK";
        }
    }

    private FirehoseThroughputPhase() {}

    static Outcome run(FirehoseClient firehose, FirehoseTarget target, int producers, Duration duration)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        List<Future<Produced>> futures = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            futures.add(pool.submit(producer(firehose, target.stream(), i, deadline)));
        }
        long[] totals = new long[4]; // calls, call errors, failed entries, acked records
        List<BitSet> acked = new ArrayList<>();
        try {
            for (Future<Produced> future : futures) {
                Produced produced = future.get();
                acked.add(produced.acked());
                long[] counts = produced.counts();
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
        long[] check = check(target, acked);
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
                objects,
                check[0],
                check[1]);
    }

    /** What one producer sent: its counts (calls, call errors, failed entries, acked) and the ids it saw acked. */
    private record Produced(long[] counts, BitSet acked) {}

    /**
     * Reads every object back: {lost, duplicates}. A record's first 4 bytes are {@link #MAGIC}, then its producer
     * (4 bytes) and its sequence number in that producer (4 bytes).
     */
    private static long[] check(FirehoseTarget target, List<BitSet> acked) {
        List<BitSet> received = new ArrayList<>();
        acked.forEach(a -> received.add(new BitSet()));
        long duplicates = 0;
        long foreign = 0;
        for (S3Object object : target.objects()) {
            ByteBuffer data = ByteBuffer.wrap(target.read(object.key()));
            for (int at = 0; at + Payloads.RECORD_BYTES <= data.limit(); at += Payloads.RECORD_BYTES) {
                int producer = data.getInt(at + 4);
                int sequence = data.getInt(at + 8);
                if (data.getInt(at) != MAGIC || producer < 0 || producer >= received.size() || sequence < 0) {
                    foreign++;
                } else if (received.get(producer).get(sequence)) {
                    duplicates++;
                } else {
                    received.get(producer).set(sequence);
                }
            }
        }
        long lost = 0;
        for (int p = 0; p < acked.size(); p++) {
            BitSet missing = (BitSet) acked.get(p).clone();
            missing.andNot(received.get(p));
            lost += missing.cardinality();
        }
        if (foreign > 0) {
            BenchLog.info(foreign + " records in the bucket carry no id of this run: counted as duplicates");
        }
        return new long[] {lost, duplicates + foreign};
    }

    /** Sends full batches until the deadline; entries that failed are sent again in the next call. */
    private static Callable<Produced> producer(FirehoseClient firehose, String stream, int index, long deadline) {
        return () -> {
            int[] sequence = {0};
            BitSet ackedIds = new BitSet();
            long calls = 0;
            long callErrors = 0;
            long failedEntries = 0;
            long acked = 0;
            List<Record> batch = new ArrayList<>(BATCH_SIZE);
            while (System.nanoTime() < deadline) {
                while (batch.size() < BATCH_SIZE) {
                    batch.add(record(index, sequence[0]++));
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
                        ackedIds.set(ByteBuffer.wrap(batch.get(i).data().asByteArrayUnsafe())
                                .getInt(8));
                    }
                }
                failedEntries += retry.size();
                batch.clear();
                batch.addAll(retry);
            }
            return new Produced(new long[] {calls, callErrors, failedEntries, acked}, ackedIds);
        };
    }

    private static Record record(int producer, int sequence) {
        byte[] data = new byte[Payloads.RECORD_BYTES];
        ThreadLocalRandom.current().nextBytes(data);
        ByteBuffer.wrap(data).putInt(MAGIC).putInt(producer).putInt(sequence);
        return Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build();
    }
}
