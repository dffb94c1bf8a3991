package dev.shardline.kinesis.catalog;

import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.platform.kafka.KafkaClientFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue of Kinesis streams as the streams service publishes it on {@link CatalogTopic}: one consumer thread reads
 * the topic from its beginning into memory and follows it. {@link #find} first catches up to the topic's end as it is
 * when asked, so a reader that asks after a change was acknowledged (the streams service publishes a change before the
 * call that made it answers) sees it, in this process or another; if the broker does not let it catch up within
 * {@code freshness}, it answers from what it has read and says so in the log.
 */
public class KafkaStreamCatalog implements StreamCatalog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaStreamCatalog.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(100);
    private static final Duration TOPIC_RETRY = Duration.ofMillis(500);

    private final String topic;
    private final Duration freshness;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, CatalogStream> streams = new ConcurrentHashMap<>();
    private final Thread thread;

    private final Object progress = new Object();
    /** Catch-ups asked for, and the last one done: a catch-up that starts after ticket n was asked serves n. */
    private long requested;

    private long served;
    private volatile boolean idle;
    private volatile boolean running = true;

    public KafkaStreamCatalog(KafkaClientFactory kafka, String topic, Duration freshness) {
        this.topic = topic;
        this.freshness = freshness;
        // A reader started before the streams service must not auto-create the topic without its compaction.
        this.consumer = kafka.positionedConsumer(
                "shardline-stream-catalog", Map.of(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
        this.thread = new Thread(this::run, "stream-catalog");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public Optional<CatalogStream> find(String streamArn) {
        Optional<String> key = CatalogTopic.canonicalArn(streamArn);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        catchUp();
        return Optional.ofNullable(streams.get(key.get()));
    }

    /**
     * Waits until every entry that was on the topic when called has been read, at most {@code freshness}; false if it
     * could not.
     */
    public boolean catchUp() {
        long ticket;
        synchronized (progress) {
            ticket = ++requested;
            progress.notifyAll();
        }
        if (idle) {
            consumer.wakeup();
        }
        long deadline = System.nanoTime() + freshness.toNanos();
        synchronized (progress) {
            while (served < ticket) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    log.warn(
                            "The stream catalogue could not catch up with topic {} within {}; answering from what it "
                                    + "has read",
                            topic,
                            freshness);
                    return false;
                }
                try {
                    progress.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private void run() {
        List<TopicPartition> partitions = null;
        try {
            while (running) {
                try {
                    if (partitions == null) {
                        long asked = pendingTicket();
                        partitions = assign();
                        if (partitions == null) {
                            // No topic when looked for after they asked: nothing was published, empty is up to date.
                            serve(asked);
                            pause(TOPIC_RETRY);
                            continue;
                        }
                    }
                    long wanted = pendingTicket();
                    if (wanted > servedTicket()) {
                        catchUpTo(partitions);
                        serve(wanted);
                    } else {
                        follow();
                    }
                } catch (WakeupException asked) {
                    // A reader wants a catch-up: the loop does it.
                } catch (RuntimeException e) {
                    log.warn("Reading the stream catalogue from topic {} failed; retrying", topic, e);
                    pause(TOPIC_RETRY);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> assign() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return null;
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        log.debug("Reading the stream catalogue from topic {}", topic);
        return partitions;
    }

    /** Reads until the position of every partition reaches the end it had when this started. */
    private void catchUpTo(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = null;
        while (running) {
            try {
                if (ends == null) {
                    ends = consumer.endOffsets(partitions, freshness);
                }
                boolean behind = false;
                for (TopicPartition partition : partitions) {
                    behind |= consumer.position(partition) < ends.get(partition);
                }
                if (!behind) {
                    return;
                }
                apply(consumer.poll(CATCH_UP_POLL));
            } catch (WakeupException another) {
                // Another reader asked meanwhile; this catch-up, started after it asked, serves it too.
            }
        }
    }

    private void follow() {
        idle = true;
        try {
            if (pendingTicket() > servedTicket()) {
                return;
            }
            apply(consumer.poll(IDLE_POLL));
        } finally {
            idle = false;
        }
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() == null) {
                continue;
            }
            String arn = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                streams.remove(arn);
                log.debug("Stream {} left the catalogue", arn);
                continue;
            }
            try {
                Optional<CatalogStream> stream = CatalogTopic.read(record.value());
                if (stream.isPresent()) {
                    streams.put(arn, stream.get());
                    log.debug(
                            "Stream {} is {} in the catalogue",
                            arn,
                            stream.get().status());
                } else {
                    log.warn(
                            "Skipped an entry of stream {} at offset {}: a version this reader does not know",
                            arn,
                            record.offset());
                }
            } catch (RuntimeException unreadable) {
                log.error(
                        "Skipped an unreadable entry of stream {} at offset {} of {}",
                        arn,
                        record.offset(),
                        topic,
                        unreadable);
            }
        }
    }

    private long pendingTicket() {
        synchronized (progress) {
            return requested;
        }
    }

    private long servedTicket() {
        synchronized (progress) {
            return served;
        }
    }

    private void serve(long ticket) {
        synchronized (progress) {
            served = Math.max(served, ticket);
            progress.notifyAll();
        }
    }

    private void pause(Duration duration) {
        synchronized (progress) {
            if (running && requested <= served) {
                try {
                    progress.wait(duration.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (progress) {
            progress.notifyAll();
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
