package dev.shardline.firehose.ingest;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery streams whose source this instance cannot read (a Kinesis stream its stream catalogue does not know): their
 * worker does not join the delivery group, where it would hold partitions it cannot deliver, and the source is checked
 * again with a doubling backoff. Each stream is logged once when it starts waiting and once when it can be read.
 */
final class UnreadableSources {

    private static final Logger log = LoggerFactory.getLogger(UnreadableSources.class);

    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Map<UUID, Wait> waiting = new ConcurrentHashMap<>();

    UnreadableSources(Duration firstBackoff, Duration maxBackoff) {
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff.compareTo(firstBackoff) < 0 ? firstBackoff : maxBackoff;
    }

    /** Whether the stream's source is to be checked now: it is not waiting, or its backoff is over. */
    boolean due(UUID stream, Instant now) {
        Wait wait = waiting.get(stream);
        return wait == null || !now.isBefore(wait.nextCheck());
    }

    /** The source cannot be read: check again after the next backoff, the first time with a WARN line. */
    void unreadable(DeliveryStreamView stream, String why, Instant now) {
        Wait before = waiting.get(stream.id());
        Duration backoff = before == null ? firstBackoff : min(before.backoff().multipliedBy(2), maxBackoff);
        waiting.put(stream.id(), new Wait(backoff, now.plus(backoff)));
        if (before == null) {
            log.warn(
                    "Delivery stream {} is not delivered by this instance, which does not join its consumer group: {}."
                            + " Checking again with a backoff up to {}",
                    stream.ref().name(),
                    why,
                    maxBackoff);
        }
    }

    /** The source can be read (again). */
    void readable(DeliveryStreamView stream) {
        if (waiting.remove(stream.id()) != null) {
            log.info(
                    "The source of delivery stream {} can be read now; delivering it",
                    stream.ref().name());
        }
    }

    /** Whether the stream's source is known unreadable here, so its worker stays out of the group. */
    boolean isWaiting(UUID stream) {
        return waiting.containsKey(stream);
    }

    void forget(UUID stream) {
        waiting.remove(stream);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Wait(Duration backoff, Instant nextCheck) {}
}
