package dev.shardline.streams.consumer;

import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.record.IteratorType;
import dev.shardline.streams.record.ShardCursor;
import dev.shardline.streams.record.ShardCursors;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * SubscribeToShard: checks the consumer, the shard and the starting position and takes the consumer's lease on the
 * shard, so every refusal is thrown before anything is streamed; then runs the subscription on a thread of its own.
 */
@Service
public class ShardSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(ShardSubscriptions.class);

    private final ConsumerService consumers;
    private final ShardCursors cursors;
    private final SubscriptionLeases leases;
    private final Clock clock;
    private final Set<ShardSubscription> running = ConcurrentHashMap.newKeySet();
    // A thread per subscription: each one waits on its shard in a blocking Kafka fetch.
    private final ExecutorService threads = Executors.newCachedThreadPool(new DaemonThreads());

    ShardSubscriptions(ConsumerService consumers, ShardCursors cursors, SubscriptionLeases leases, Clock clock) {
        this.consumers = consumers;
        this.cursors = cursors;
        this.leases = leases;
        this.clock = clock;
    }

    /** A subscription that holds the consumer's lease on the shard; {@link #start} it, or it keeps the lease. */
    public ShardSubscription subscribe(
            ConsumerArn arn, String shardId, IteratorType type, String sequenceNumber, Instant timestamp) {
        ConsumerView consumer = consumers.describe(arn);
        if (consumer.status() != ConsumerStatus.ACTIVE) {
            throw ConsumerErrors.notActiveForSubscription(consumer);
        }
        ShardCursor cursor = cursors.open(consumer.stream(), shardId, type, sequenceNumber, timestamp);
        UUID holder = UUID.randomUUID();
        if (!leases.acquire(consumer.id(), cursor.shardIndex(), holder)) {
            throw ConsumerErrors.subscriptionInUse(consumer, cursor.shardId());
        }
        return new ShardSubscription(
                consumer.stream().name() + "/" + cursor.shardId() + "/" + consumer.name(),
                cursor::next,
                new HeldLease(consumer, cursor, holder),
                clock,
                ShardSubscription.MAX_DURATION);
    }

    /** Runs the subscription until it ends; the listener hears from one thread of ours. */
    public void start(ShardSubscription subscription, ShardSubscription.Listener listener) {
        running.add(subscription);
        try {
            threads.execute(() -> {
                try {
                    subscription.run(listener);
                } finally {
                    running.remove(subscription);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // Ends at once, lease released, and the client subscribes again elsewhere.
            running.remove(subscription);
            subscription.stop();
            subscription.run(listener);
        }
    }

    /**
     * Running subscriptions end normally at shutdown, so that their clients subscribe again elsewhere. This runs when
     * the context starts closing: the web server's graceful shutdown, which comes next, waits for open responses.
     */
    @EventListener(ContextClosedEvent.class)
    void endRunningSubscriptions() {
        running.forEach(ShardSubscription::stop);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        endRunningSubscriptions();
        threads.shutdown();
        if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }

    private final class HeldLease implements ShardSubscription.Lease {
        private final ConsumerView consumer;
        private final ShardCursor cursor;
        private final UUID holder;

        HeldLease(ConsumerView consumer, ShardCursor cursor, UUID holder) {
            this.consumer = consumer;
            this.cursor = cursor;
            this.holder = holder;
        }

        @Override
        public void renew() {
            if (!leases.renew(consumer.id(), cursor.shardIndex(), holder)) {
                throw lost();
            }
        }

        /** Why a renewal failed: the consumer was deregistered, or (after a long stall) another subscription took over. */
        private AwsException lost() {
            try {
                ConsumerView now = consumers.describe(consumer.arn());
                return now.status() == ConsumerStatus.ACTIVE
                        ? ConsumerErrors.subscriptionInUse(consumer, cursor.shardId())
                        : ConsumerErrors.notFound(consumer.arn());
            } catch (AwsException gone) {
                return ConsumerErrors.notFound(consumer.arn());
            }
        }

        @Override
        public void release() {
            try {
                leases.release(consumer.id(), cursor.shardIndex(), holder);
            } catch (RuntimeException e) {
                log.warn("Could not release a subscription lease; it runs out by itself", e);
            }
        }
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "subscribe-to-shard-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
