package dev.shardline.firehose.ingest;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.BatchSink;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.LogValues;
import dev.shardline.firehose.pipeline.PendingBatch;
import dev.shardline.firehose.source.SourceReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers one delivery stream: reads its source (its buffer topic, a Kinesis stream's or an MSK topic) in the stream's
 * consumer group, cuts batches by the buffering
 * hints (size or interval, whichever comes first, also when no new data arrives) and commits a partition's offset
 * only after the sink has the batch. A crash therefore replays at most the batch in flight, which lands on the same
 * object again.
 */
final class DeliveryWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(200);
    /** Commit metadata of a batch being written: {@code shardline.cut=<last offset>}. */
    private static final String CUT = "shardline.cut=";
    /** Repeated failures of a partition's deliveries are summed up in one log line per this interval. */
    static final Duration FAILURE_SUMMARY_INTERVAL = Duration.ofMinutes(1);

    private final DeliveryStreamView stream;
    private final SourceReader source;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BatchSink sink;
    private final Clock clock;
    private final Duration retryBackoff;
    private final Map<TopicPartition, PendingBatch> open = new HashMap<>();
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    /** Per partition, the last offset of a batch that may be (partly) written: its replay must end there too. */
    private final Map<TopicPartition, Long> cuts = new HashMap<>();
    /** Per partition, the last unreadable record logged: a replay of its batch reads it again, silently. */
    private final Map<TopicPartition, Long> unreadableLogged = new HashMap<>();

    private final Map<TopicPartition, FailureLog> failures = new HashMap<>();

    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;

    // One worker's parts: its stream, source, consumer and sink, and its clock and backoff.
    DeliveryWorker(
            DeliveryStreamView stream,
            SourceReader source,
            KafkaConsumer<byte[], byte[]> consumer,
            BatchSink sink,
            Clock clock,
            Duration retryBackoff) {
        this.stream = stream;
        this.source = source;
        this.consumer = consumer;
        this.sink = sink;
        this.clock = clock;
        this.retryBackoff = retryBackoff;
    }

    @Override
    public void run() {
        MDC.put("deliveryStream", stream.ref().name());
        try {
            consumer.subscribe(List.of(source.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Uncommitted batches are replayed by the partition's next owner, onto the same objects.
                    partitions.forEach(open::remove);
                    partitions.forEach(pausedUntil::remove);
                    partitions.forEach(cuts::remove);
                    partitions.forEach(unreadableLogged::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    log.debug("Delivering partitions {}", partitions);
                    resumeCuts(partitions);
                    // This very poll may fetch them: a child shard is held before any of its records come.
                    source.holdBack(consumer, DeliveryWorker.this::deliveredUpTo);
                }
            });
            while (running) {
                source.holdBack(consumer, this::deliveredUpTo);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollWait())) {
                    accept(record);
                }
                flushDue();
                resumeAfterBackoff();
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up.
        } catch (RuntimeException e) {
            log.error(
                    "Delivery of {} stopped; the next reconciliation starts it again",
                    stream.ref().name(),
                    e);
        } finally {
            running = false;
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("Closing the delivery consumer failed", e);
            }
            MDC.remove("deliveryStream");
            finished.countDown();
        }
    }

    boolean isRunning() {
        return running;
    }

    /** The version of the delivery stream (its destination) that this worker delivers to. */
    long versionId() {
        return stream.versionId();
    }

    /**
     * Stops after the batch in flight is delivered and committed (or given up uncommitted, to be replayed), without
     * interrupting it; the consumer leaves the group, so the worker that replaces this one starts from the commits.
     */
    void stopAfterCurrentBatch() {
        running = false;
    }

    /** Waits until the worker's consumer left the group; false when it did not within {@code timeout}. */
    boolean awaitFinished(Duration timeout) {
        try {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (pausedUntil.containsKey(tp)) {
            return; // a failed batch of this partition is retried from its first offset
        }
        PendingBatch batch = open.computeIfAbsent(
                tp,
                p -> new PendingBatch(
                        p.partition(),
                        record.offset(),
                        Instant.ofEpochMilli(record.timestamp()),
                        clock.instant(),
                        stream.destination().buffering().sizeBytes(),
                        Duration.ofSeconds(stream.destination().buffering().intervalInSeconds())));
        BufferedRecord read;
        try {
            read = read(tp, record);
        } catch (RuntimeException e) {
            // The reader cannot read for now (key service, catalogue): read the batch again after the backoff.
            failures(tp).failed("reading record " + record.offset(), e, retryBackoff);
            open.remove(tp);
            retryFrom(tp, batch.firstOffset());
            return;
        }
        batch.add(read);
        Long cut = cuts.get(tp);
        if (cut != null && batch.firstOffset() > cut) {
            cuts.remove(tp); // the replayed range is gone (retention): cut as usual
            cut = null;
        }
        if (cut != null ? record.offset() >= cut : batch.isFull()) {
            flush(tp, batch);
        }
    }

    /**
     * The record as the source reader reads it; one it cannot read (undecryptable, an envelope it cannot decode) goes
     * with the batch to the error output, so that delivery goes on past it instead of failing on it again and again.
     */
    private BufferedRecord read(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
        try {
            return source.read(record);
        } catch (RuntimeException e) {
            if (ReadFailures.mayPass(e)) {
                throw e;
            }
            String why = LogValues.describe(e);
            Long logged = unreadableLogged.get(tp);
            if (logged == null || record.offset() > logged) {
                unreadableLogged.put(tp, record.offset());
                log.warn(
                        "Record {} of partition {} of {} cannot be read; it goes to the error output as {}: {}",
                        record.offset(),
                        tp.partition(),
                        stream.ref().name(),
                        BufferedRecord.UNREADABLE_ERROR_CODE,
                        why);
                log.debug("Reading record {} of {} failed", record.offset(), tp, e);
            }
            return BufferedRecord.unreadable(
                    record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), record.value(), why);
        }
    }

    /**
     * A batch is marked in its partition's commit (at its first offset, so the position does not move) before it is
     * written. A replay, here or on the partition's next owner, then cuts the batch at the same last offset: a
     * shorter cut could leave an object of the first attempt (another partition key's) whose records the next batch
     * delivers again, a longer one adds records to a warehouse load already done.
     */
    private void resumeCuts(Collection<TopicPartition> partitions) {
        try {
            consumer.committed(new HashSet<>(partitions)).forEach((tp, committed) -> {
                if (committed != null && committed.metadata().startsWith(CUT)) {
                    cuts.put(tp, Long.parseLong(committed.metadata().substring(CUT.length())));
                }
            });
        } catch (KafkaException | NumberFormatException e) {
            log.warn("Reading the last batch marks of {} failed; replays are cut anew", partitions, e);
        }
    }

    /**
     * Where a partition's records are at the destination: before its open batch, else up to the position (a failed
     * batch was sought back to its first offset).
     */
    private long deliveredUpTo(TopicPartition tp) {
        PendingBatch batch = open.get(tp);
        return batch != null ? batch.firstOffset() : consumer.position(tp);
    }

    private void flushDue() {
        Instant now = clock.instant();
        for (Map.Entry<TopicPartition, PendingBatch> entry : List.copyOf(open.entrySet())) {
            if (!cuts.containsKey(entry.getKey())
                    && (entry.getValue().isDue(now) || endsItsPartition(entry.getKey(), entry.getValue()))) {
                flush(entry.getKey(), entry.getValue());
            }
        }
    }

    /** A closed shard's last batch grows no more: delivered now, its children need not wait out the interval. */
    private boolean endsItsPartition(TopicPartition tp, PendingBatch batch) {
        OptionalLong end = source.endOf(tp.partition());
        return end.isPresent() && batch.lastOffset() + 1 >= end.getAsLong();
    }

    private void flush(TopicPartition tp, PendingBatch batch) {
        open.remove(tp);
        try {
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(batch.firstOffset(), CUT + batch.lastOffset())));
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            failures(tp).failed("marking the batch from offset " + batch.firstOffset(), e, retryBackoff);
            retryLater(tp, batch);
            return;
        }
        cuts.put(tp, batch.lastOffset());
        try {
            sink.deliver(stream, batch);
        } catch (RuntimeException e) {
            failures(tp)
                    .failed(
                            "delivering " + batch.records().size() + " records from offset " + batch.firstOffset(),
                            e,
                            retryBackoff);
            retryLater(tp, batch);
            return;
        }
        try {
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(batch.lastOffset() + 1)));
            cuts.remove(tp);
            failures(tp).succeeded();
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // Going on past an uncommitted object could leave two objects to replay over after a crash, and the
            // second would duplicate records: deliver this batch again (onto the same key) and commit it first.
            failures(tp)
                    .failed("committing after offset " + batch.lastOffset() + " (delivered again)", e, retryBackoff);
            retryLater(tp, batch);
            return;
        }
        log.debug(
                "Delivered {} records ({} bytes) of partition {} from offset {}",
                batch.records().size(),
                batch.sizeBytes(),
                tp.partition(),
                batch.firstOffset());
    }

    private FailureLog failures(TopicPartition tp) {
        return failures.computeIfAbsent(
                tp,
                p -> new FailureLog(
                        log,
                        "Delivery of " + stream.ref().name() + " (partition " + p.partition() + ")",
                        clock,
                        FAILURE_SUMMARY_INTERVAL));
    }

    private void retryLater(TopicPartition tp, PendingBatch batch) {
        retryFrom(tp, batch.firstOffset());
    }

    private void retryFrom(TopicPartition tp, long offset) {
        if (!consumer.assignment().contains(tp)) {
            return; // revoked meanwhile: its next owner starts from the committed offset
        }
        consumer.seek(tp, offset);
        consumer.pause(List.of(tp));
        pausedUntil.put(tp, clock.instant().plus(retryBackoff));
    }

    private void resumeAfterBackoff() {
        Instant now = clock.instant();
        pausedUntil.entrySet().removeIf(entry -> {
            if (now.isBefore(entry.getValue())) {
                return false;
            }
            consumer.resume(List.of(entry.getKey()));
            return true;
        });
    }

    /** Polls no longer than until the next batch is due, so an interval flush needs no new data to happen. */
    private Duration pollWait() {
        Instant now = clock.instant();
        Duration wait = MAX_POLL_WAIT;
        for (Map.Entry<TopicPartition, PendingBatch> entry : open.entrySet()) {
            if (cuts.containsKey(entry.getKey())) {
                continue; // a replay is cut at its mark, not by time
            }
            PendingBatch batch = entry.getValue();
            Duration untilDue = Duration.between(now, batch.dueAt());
            if (untilDue.compareTo(wait) < 0) {
                wait = untilDue.isNegative() ? Duration.ZERO : untilDue;
            }
        }
        return wait;
    }
}
