package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Writers that offer PutRecords batches of 1 KiB records with random partition keys at a scheduled rate (open loop:
 * a slow answer does not lower the rate offered, the next writer sends the next due batch), in steps of fixed rate
 * and length. Refused records are counted, never sent again: the point is what the server takes of what it is
 * offered. Every call is counted in the step in which it was sent, so a step's records sent are exactly its records
 * acknowledged, throttled and failed.
 */
final class PacedWriters {

    static final int BATCH_SIZE = 100;

    static final String THROTTLED = "ProvisionedThroughputExceededException";

    /** Writers that keep failing at once must not spin: the schedule paces them, this only caps a tight loop. */
    private static final Duration ERROR_BACKOFF = Duration.ofMillis(10);

    record Step(int rate, Duration duration) {}

    /** A batch to send: the step it belongs to and when it is due. */
    record Ticket(int step, long dueNanos) {}

    /**
     * Step boundaries fixed from {@code startNanos}; the k-th batch of step i is due at
     * {@code start(i) + k * BATCH_SIZE / rate(i)} seconds. Writers take batches in order, so however many writers
     * there are, the schedule is the same.
     */
    static final class Schedule {
        private final List<Step> steps;
        private final long[] boundaries;
        private final long[] batchesPerStep;
        private int step;
        private long batchInStep;
        private long claimed;

        Schedule(List<Step> steps, long startNanos) {
            this.steps = List.copyOf(steps);
            boundaries = new long[steps.size() + 1];
            batchesPerStep = new long[steps.size()];
            boundaries[0] = startNanos;
            for (int i = 0; i < steps.size(); i++) {
                boundaries[i + 1] = boundaries[i] + steps.get(i).duration().toNanos();
                batchesPerStep[i] = (long) Math.ceil(steps.get(i).duration().toNanos() / intervalNanos(i));
            }
        }

        long start() {
            return boundaries[0];
        }

        long end() {
            return boundaries[steps.size()];
        }

        List<Step> steps() {
            return steps;
        }

        long stepEnd(int i) {
            return boundaries[i + 1];
        }

        /** The step running at {@code nanos}: the first before the start, the last after the end. */
        int stepAt(long nanos) {
            for (int i = 0; i < steps.size(); i++) {
                if (nanos - boundaries[i + 1] < 0) {
                    return i;
                }
            }
            return steps.size() - 1;
        }

        /** The rate offered at {@code nanos}, 0 outside the schedule. */
        int rateAt(long nanos) {
            if (nanos - start() < 0 || nanos - end() >= 0) {
                return 0;
            }
            return steps.get(stepAt(nanos)).rate();
        }

        long totalBatches() {
            long total = 0;
            for (long n : batchesPerStep) {
                total += n;
            }
            return total;
        }

        private double intervalNanos(int i) {
            return BATCH_SIZE * 1e9 / steps.get(i).rate();
        }

        /** The next due batch, or null once every batch is taken or the schedule is over. */
        synchronized Ticket next() {
            if (System.nanoTime() - end() >= 0) {
                return null;
            }
            while (step < steps.size() && batchInStep >= batchesPerStep[step]) {
                step++;
                batchInStep = 0;
            }
            if (step >= steps.size()) {
                return null;
            }
            long due = boundaries[step] + (long) (batchInStep * intervalNanos(step));
            batchInStep++;
            claimed++;
            return new Ticket(step, due);
        }

        synchronized long claimed() {
            return claimed;
        }
    }

    /** What happened during one step: the calls sent in it, and how they were answered. */
    record StepStats(
            Step step,
            long sent,
            long acked,
            long throttled,
            long otherFailed,
            long throttledCalls,
            long callErrors,
            long maxLagNanos) {

        double seconds() {
            return step.duration().toNanos() / 1e9;
        }

        double sentPerSecond() {
            return sent / seconds();
        }

        double ackedPerSecond() {
            return acked / seconds();
        }
    }

    record Outcome(long elapsedNanos, List<StepStats> steps, long unsent, Map<String, Long> errorCodes) {

        long sent() {
            return steps.stream().mapToLong(StepStats::sent).sum();
        }

        long acked() {
            return steps.stream().mapToLong(StepStats::acked).sum();
        }

        long throttled() {
            return steps.stream().mapToLong(StepStats::throttled).sum();
        }

        long otherFailed() {
            return steps.stream().mapToLong(StepStats::otherFailed).sum();
        }

        long throttledCalls() {
            return steps.stream().mapToLong(StepStats::throttledCalls).sum();
        }

        long callErrors() {
            return steps.stream().mapToLong(StepStats::callErrors).sum();
        }

        long maxLagNanos() {
            return steps.stream().mapToLong(StepStats::maxLagNanos).max().orElse(0);
        }
    }

    private PacedWriters() {}

    /** Runs the whole schedule; returns once every writer has finished its last call. */
    static Outcome run(KinesisClient kinesis, String stream, int writers, Schedule schedule)
            throws InterruptedException {
        List<Writer> tasks = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            tasks.add(new Writer(kinesis, stream, i, schedule));
        }
        List<Writer> done;
        try (Workers<Writer> workers = Workers.start("writer", tasks)) {
            long untilEnd = Math.max(0, schedule.end() - System.nanoTime());
            done = workers.await(Duration.ofNanos(untilEnd).plus(Workers.IN_FLIGHT_CALL_SLACK));
        }
        long elapsed = System.nanoTime() - schedule.start();
        int steps = schedule.steps().size();
        List<StepStats> stats = new ArrayList<>(steps);
        Map<String, Long> codes = new TreeMap<>();
        long lateUnsent = 0;
        for (Writer w : done) {
            w.errorCodes.forEach((code, n) -> codes.merge(code, n, Long::sum));
            lateUnsent += w.lateUnsent;
        }
        for (int i = 0; i < steps; i++) {
            long sent = 0;
            long acked = 0;
            long throttled = 0;
            long other = 0;
            long throttledCalls = 0;
            long callErrors = 0;
            long maxLag = 0;
            for (Writer w : done) {
                sent += w.sent[i];
                acked += w.acked[i];
                throttled += w.throttled[i];
                other += w.otherFailed[i];
                throttledCalls += w.throttledCalls[i];
                callErrors += w.callErrors[i];
                maxLag = Math.max(maxLag, w.maxLag[i]);
            }
            stats.add(new StepStats(
                    schedule.steps().get(i), sent, acked, throttled, other, throttledCalls, callErrors, maxLag));
        }
        long neverClaimed = schedule.totalBatches() - schedule.claimed();
        return new Outcome(elapsed, List.copyOf(stats), (neverClaimed + lateUnsent) * BATCH_SIZE, codes);
    }

    private static final class Writer implements Callable<Writer> {
        private final KinesisClient kinesis;
        private final String stream;
        private final int index;
        private final Schedule schedule;

        private final long[] sent;
        private final long[] acked;
        private final long[] throttled;
        private final long[] otherFailed;
        private final long[] throttledCalls;
        private final long[] callErrors;
        private final long[] maxLag;
        private final Map<String, Long> errorCodes = new TreeMap<>();
        private long lateUnsent;
        private int nextRecord;

        Writer(KinesisClient kinesis, String stream, int index, Schedule schedule) {
            this.kinesis = kinesis;
            this.stream = stream;
            this.index = index;
            this.schedule = schedule;
            int steps = schedule.steps().size();
            sent = new long[steps];
            acked = new long[steps];
            throttled = new long[steps];
            otherFailed = new long[steps];
            throttledCalls = new long[steps];
            callErrors = new long[steps];
            maxLag = new long[steps];
        }

        @Override
        public Writer call() {
            while (!Thread.currentThread().isInterrupted()) {
                Ticket ticket = schedule.next();
                if (ticket == null) {
                    break;
                }
                for (long wait = ticket.dueNanos() - System.nanoTime();
                        wait > 0;
                        wait = ticket.dueNanos() - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                long sendAt = System.nanoTime();
                if (sendAt - schedule.end() >= 0) {
                    // So far behind that the schedule is over: what is left was never offered.
                    lateUnsent++;
                    break;
                }
                int sendStep = schedule.stepAt(sendAt);
                maxLag[ticket.step()] = Math.max(maxLag[ticket.step()], sendAt - ticket.dueNanos());
                send(sendStep);
            }
            return this;
        }

        private void send(int step) {
            List<PutRecordsRequestEntry> batch = new ArrayList<>(BATCH_SIZE);
            for (int i = 0; i < BATCH_SIZE; i++) {
                batch.add(PutRecordsRequestEntry.builder()
                        .partitionKey(Payloads.randomPartitionKey())
                        .data(SdkBytes.fromByteArrayUnsafe(Payloads.throughputRecord(index, nextRecord++)))
                        .build());
            }
            sent[step] += BATCH_SIZE;
            PutRecordsResponse response;
            try {
                response = kinesis.putRecords(b -> b.streamName(stream).records(batch));
            } catch (SdkException e) {
                String code = errorCode(e);
                errorCodes.merge(code, (long) BATCH_SIZE, Long::sum);
                if (THROTTLED.equals(code)) {
                    // The SDK retried it already; whole-call throttling is counted, its records are not resent.
                    throttledCalls[step]++;
                    throttled[step] += BATCH_SIZE;
                } else {
                    callErrors[step]++;
                    otherFailed[step] += BATCH_SIZE;
                    BenchLog.warnSometimes("PutRecords failed: " + e.getMessage());
                    LockSupport.parkNanos(ERROR_BACKOFF.toNanos());
                }
                return;
            }
            List<PutRecordsResultEntry> results = response.records();
            if (results.size() != batch.size()) {
                callErrors[step]++;
                otherFailed[step] += BATCH_SIZE;
                errorCodes.merge("WrongEntryCount", (long) BATCH_SIZE, Long::sum);
                BenchLog.warnSometimes("PutRecords answered " + results.size() + " entries for " + batch.size());
                return;
            }
            for (PutRecordsResultEntry result : results) {
                String code = result.errorCode();
                if (code == null) {
                    acked[step]++;
                } else if (THROTTLED.equals(code)) {
                    throttled[step]++;
                    errorCodes.merge(code, 1L, Long::sum);
                } else {
                    otherFailed[step]++;
                    errorCodes.merge(code, 1L, Long::sum);
                    BenchLog.warnSometimes("PutRecords entry failed: " + code + " " + result.errorMessage());
                }
            }
        }

        private static String errorCode(SdkException e) {
            if (e instanceof AwsServiceException service
                    && service.awsErrorDetails() != null
                    && service.awsErrorDetails().errorCode() != null) {
                return service.awsErrorDetails().errorCode();
            }
            return e.getClass().getSimpleName();
        }
    }
}
