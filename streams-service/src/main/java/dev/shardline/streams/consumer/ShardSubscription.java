package dev.shardline.streams.consumer;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.record.ShardCursor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One SubscribeToShard: pushes a shard's records to a listener as they arrive, for at most five minutes, while it holds
 * the consumer's lease on the shard. The listener speaks the wire; this class decides what to send and when.
 */
public final class ShardSubscription {

    private static final Logger log = LoggerFactory.getLogger(ShardSubscription.class);
    /** AWS ends a subscription after five minutes; the client subscribes again from its continuation. */
    static final Duration MAX_DURATION = Duration.ofMinutes(5);
    /** An event at least this often, records or not, so the client sees its position and its read timeout keeps quiet. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);

    static final Duration RENEW_EVERY = Duration.ofSeconds(10);

    /** Receives what the subscription sends, in order, from one thread. */
    public interface Listener {

        /** Records that arrived (possibly none) and where the shard stands; fails once the client has gone. */
        void onEvent(ShardCursor.Page page) throws IOException;

        /** The subscription ends with an error. */
        void onError(AwsException error);

        /** The subscription ends normally. */
        void onComplete();
    }

    interface Source {
        ShardCursor.Page next();
    }

    interface Lease {
        /** Extends the lease, or throws the error that ends the subscription when it was lost. */
        void renew();

        void release();
    }

    private final String name;
    private final Source source;
    private final Lease lease;
    private final Clock clock;
    private final Duration maxDuration;
    private volatile boolean closed;
    private volatile boolean stopping;

    // Five parts of one value that ShardSubscriptions builds (name, source, lease, clock, limit), not services.
    ShardSubscription(String name, Source source, Lease lease, Clock clock, Duration maxDuration) {
        this.name = name;
        this.source = source;
        this.lease = lease;
        this.clock = clock;
        this.maxDuration = maxDuration;
    }

    /** How long the subscription runs at most. */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** The response has ended (the client went away, say): the subscription stops without another word. */
    public void closed() {
        closed = true;
    }

    /** Ends the subscription normally at its next step, as at shutdown. */
    void stop() {
        stopping = true;
    }

    /** Runs the subscription to its end on the calling thread; the lease is released before the listener hears it. */
    void run(Listener listener) {
        MDC.put("subscription", name);
        AwsException failure = null;
        boolean clientGone = false;
        try {
            Instant now = clock.instant();
            Instant end = now.plus(maxDuration);
            Instant renewAt = now.plus(RENEW_EVERY);
            Instant heartbeatAt = now;
            while (!closed && !stopping && now.isBefore(end)) {
                if (!now.isBefore(renewAt)) {
                    lease.renew();
                    renewAt = now.plus(RENEW_EVERY);
                }
                ShardCursor.Page page = source.next();
                now = clock.instant();
                if (!page.records().isEmpty() || page.endOfShard() || !now.isBefore(heartbeatAt)) {
                    listener.onEvent(page);
                    heartbeatAt = now.plus(HEARTBEAT);
                }
                if (page.endOfShard()) {
                    break; // the last event named the child shards; the client subscribes to those next
                }
            }
        } catch (IOException gone) {
            clientGone = true;
            log.debug("Subscription {} ended: the client has gone ({})", name, gone.toString());
        } catch (AwsException e) {
            failure = e;
            log.debug("Subscription {} ended: {} {}", name, e.errorType().type(), e.getMessage());
        } catch (RuntimeException e) {
            failure = AwsErrorType.INTERNAL_FAILURE.exception(null);
            log.warn("Subscription {} failed", name, e);
        } finally {
            // Before the client hears the end, so that it can subscribe again at once.
            lease.release();
        }
        try {
            if (closed || clientGone) {
                log.debug("Subscription {} ended with its response", name);
            } else if (failure != null) {
                listener.onError(failure);
            } else {
                listener.onComplete();
            }
        } finally {
            MDC.remove("subscription");
        }
    }
}
