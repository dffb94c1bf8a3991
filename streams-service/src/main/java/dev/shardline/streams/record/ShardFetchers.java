package dev.shardline.streams.record;

import dev.shardline.streams.StreamsProperties;
import dev.shardline.streams.kafka.StreamsKafka;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The pool of {@link ShardFetcher}s behind GetRecords. Opening a Kafka consumer per call would cost a metadata round
 * trip each time; instead a call borrows the idle fetcher that already stands where its iterator points, or any idle
 * one, and returns it afterwards. Fetchers idle for {@code fetcher-idle-timeout} are closed.
 */
@Component
class ShardFetchers {

    private static final Logger log = LoggerFactory.getLogger(ShardFetchers.class);

    private final StreamsKafka kafka;
    private final StreamsProperties properties;
    private final Deque<ShardFetcher> idle = new ArrayDeque<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "shard-fetcher-sweeper");
        thread.setDaemon(true);
        return thread;
    });
    private int open;
    private long created;
    private boolean closed;

    ShardFetchers(StreamsKafka kafka, StreamsProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
        long sweepMillis = Math.max(1000, properties.fetcherIdleTimeout().toMillis() / 2);
        sweeper.scheduleWithFixedDelay(this::closeIdle, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    ShardFetcher.Fetch fetch(TopicPartition partition, long offset, int limit, long maxBytes) {
        ShardFetcher fetcher = borrow(partition, offset);
        boolean healthy = false;
        try {
            Duration maxWait = properties.getRecordsMaxWait();
            ShardFetcher.Fetch fetch = fetcher.fetch(partition, offset, limit, maxBytes, maxWait);
            healthy = true;
            return fetch;
        } finally {
            giveBack(fetcher, healthy);
        }
    }

    private ShardFetcher borrow(TopicPartition partition, long offset) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("GetRecords is shutting down");
            }
            ShardFetcher samePartition = null;
            for (Iterator<ShardFetcher> it = idle.iterator(); it.hasNext(); ) {
                ShardFetcher candidate = it.next();
                if (candidate.isAt(partition, offset)) {
                    it.remove();
                    return candidate;
                }
                if (samePartition == null && partition.equals(candidate.assigned())) {
                    samePartition = candidate;
                }
            }
            if (samePartition != null) {
                idle.remove(samePartition);
                return samePartition;
            }
            if (open >= properties.maxFetchers() && !idle.isEmpty()) {
                return idle.pollLast();
            }
            open++;
            created++;
        }
        return new ShardFetcher(
                kafka.newFetcherConsumer((int) properties.getRecordsMaxWait().toMillis()));
    }

    private void giveBack(ShardFetcher fetcher, boolean healthy) {
        boolean keep;
        synchronized (this) {
            keep = healthy && !closed && open <= properties.maxFetchers();
            if (keep) {
                idle.addFirst(fetcher);
            } else {
                open--;
            }
        }
        if (!keep) {
            fetcher.close();
        }
    }

    /** Kafka consumers currently open for GetRecords, lent out or idle. */
    synchronized int openFetchers() {
        return open;
    }

    /** Kafka consumers opened for GetRecords since start, closed or not: what reuse keeps low. */
    synchronized long createdFetchers() {
        return created;
    }

    private void closeIdle() {
        long timeoutNanos = properties.fetcherIdleTimeout().toNanos();
        List<ShardFetcher> expired = new ArrayList<>();
        synchronized (this) {
            idle.removeIf(fetcher -> {
                if (fetcher.idleNanos() > timeoutNanos) {
                    expired.add(fetcher);
                    return true;
                }
                return false;
            });
            open -= expired.size();
        }
        expired.forEach(ShardFetcher::close);
        if (!expired.isEmpty()) {
            log.debug("Closed {} idle GetRecords fetchers", expired.size());
        }
    }

    @PreDestroy
    void close() {
        List<ShardFetcher> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(idle);
            idle.clear();
        }
        sweeper.shutdownNow();
        all.forEach(ShardFetcher::close);
    }
}
