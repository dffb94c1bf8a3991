package dev.shardline.streams.record;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One Kafka consumer kept open for GetRecords. It remembers where its last read ended, together with records it
 * fetched but did not return, so a client polling a shard with NextShardIterator reads on without a seek.
 * Not thread-safe: {@link ShardFetchers} lends it to one call at a time.
 */
final class ShardFetcher implements AutoCloseable {

    private static final Duration FIRST_FETCH_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deque<ConsumerRecord<byte[], byte[]>> buffered = new ArrayDeque<>();
    private TopicPartition assigned;
    private long nextOffset = -1;
    private long lastUsedNanos = System.nanoTime();

    ShardFetcher(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    record Fetch(List<ConsumerRecord<byte[], byte[]>> records, long nextOffset, boolean caughtUp) {}

    boolean isAt(TopicPartition partition, long offset) {
        return partition.equals(assigned) && nextOffset == offset;
    }

    TopicPartition assigned() {
        return assigned;
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /** Up to {@code limit} records and {@code maxBytes} of data from {@code offset}, waiting at most {@code maxWait}. */
    Fetch fetch(TopicPartition partition, long offset, int limit, long maxBytes, Duration maxWait) {
        lastUsedNanos = System.nanoTime();
        if (!partition.equals(assigned)) {
            consumer.assign(List.of(partition));
            assigned = partition;
            nextOffset = -1;
        }
        if (nextOffset != offset) {
            buffered.clear();
            consumer.seek(partition, offset);
            nextOffset = offset;
        }
        // Wait up to maxWait for new data once the shard's end is known; until then (a fresh seek) keep polling, so
        // records that exist are returned rather than an empty page.
        long deadline = System.nanoTime() + FIRST_FETCH_TIMEOUT.toNanos();
        while (buffered.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(maxWait).records(partition)) {
                if (record.offset() >= nextOffset) {
                    buffered.add(record);
                }
            }
            OptionalLong lag = consumer.currentLag(partition);
            if ((lag.isPresent() && lag.getAsLong() == 0) || System.nanoTime() > deadline) {
                break;
            }
        }
        List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>(Math.min(limit, buffered.size()));
        long bytes = 0;
        while (!buffered.isEmpty() && taken.size() < limit) {
            ConsumerRecord<byte[], byte[]> next = buffered.peekFirst();
            long size = next.serializedValueSize() + Math.max(0, next.serializedKeySize());
            if (!taken.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            taken.add(buffered.pollFirst());
            bytes += size;
        }
        if (!taken.isEmpty()) {
            nextOffset = taken.get(taken.size() - 1).offset() + 1;
        } else if (buffered.isEmpty()) {
            // Retention may have moved the log start past the requested offset; the consumer reset to it.
            nextOffset = Math.max(nextOffset, consumer.position(partition));
        }
        OptionalLong lag = consumer.currentLag(partition);
        boolean caughtUp = buffered.isEmpty() && lag.isPresent() && lag.getAsLong() == 0;
        lastUsedNanos = System.nanoTime();
        return new Fetch(taken, nextOffset, caughtUp);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
