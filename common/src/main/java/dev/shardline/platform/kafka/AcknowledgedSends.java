package dev.shardline.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends a batch of records all at once and waits for the broker's acknowledgement of each: how a put is answered only
 * after its records are on the log. Every send's outcome is looked at, never dropped.
 */
public final class AcknowledgedSends {

    private AcknowledgedSends() {}

    /** One record's outcome: where the broker put it, or why it was not acknowledged, or that it was not sent. */
    public record Ack(RecordMetadata metadata, Exception failure) {

        static final Ack NOT_SENT = new Ack(null, null);

        public boolean acknowledged() {
            return metadata != null;
        }

        /** The record was not offered to the broker ({@code null} in the batch: refused before sending). */
        public boolean notSent() {
            return metadata == null && failure == null;
        }
    }

    /**
     * Sends every non-null record, then waits until all are acknowledged or {@code timeout} has passed since the first
     * was sent, and gives each one's outcome in the order of {@code records}.
     */
    public static List<Ack> sendAll(
            Producer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records, Duration timeout) {
        List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> record : records) {
            if (record == null) {
                sent.add(null);
                continue;
            }
            CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
            try {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        ack.completeExceptionally(error);
                    } else {
                        ack.complete(metadata);
                    }
                });
            } catch (RuntimeException e) {
                // A send can fail before it is queued (metadata not available within max.block.ms, a record too big).
                ack.completeExceptionally(e);
            }
            sent.add(ack);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Ack> acks = new ArrayList<>(records.size());
        for (CompletableFuture<RecordMetadata> ack : sent) {
            acks.add(ack == null ? Ack.NOT_SENT : await(ack, deadline));
        }
        return acks;
    }

    private static Ack await(CompletableFuture<RecordMetadata> ack, long deadline) {
        try {
            return new Ack(ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null);
        } catch (ExecutionException e) {
            return new Ack(null, e.getCause() instanceof Exception cause ? cause : e);
        } catch (TimeoutException e) {
            return new Ack(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ack(null, e);
        }
    }
}
