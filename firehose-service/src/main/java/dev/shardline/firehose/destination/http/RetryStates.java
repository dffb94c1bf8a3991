package dev.shardline.firehose.destination.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the writer remembers of each request between its calls: the delivery worker hands a failing batch back
 * after a short pause, and the request picks up its retry schedule (first failure, attempts, next attempt) where it
 * left off; requests of the batch already delivered are not sent again. Kept in memory: after a restart a replayed
 * request starts a new retry period, which at worst retries longer than configured.
 */
final class RetryStates {

    /** Longer than any retry period (AWS allows up to 7,200 s): an entry untouched this long was abandoned. */
    private static final Duration ABANDONED = Duration.ofHours(3);

    private final Map<UUID, State> states = new ConcurrentHashMap<>();

    State get(UUID requestId, Instant now) {
        State state = states.computeIfAbsent(requestId, id -> new State(now));
        state.touched = now;
        return state;
    }

    void forget(Collection<UUID> requestIds, Instant now) {
        requestIds.forEach(states::remove);
        // Requests of partitions revoked while they were retrying are never finished here.
        states.values().removeIf(s -> s.touched.isBefore(now.minus(ABANDONED)));
    }

    int size() {
        return states.size();
    }

    /** One request's retry progress. */
    static final class State {
        final long timestamp;
        int attempts;
        Instant firstFailure;
        Instant nextAttempt;
        Instant lastEnded;
        Duration backoff;
        Attempt last;
        boolean delivered;
        Instant touched;

        State(Instant created) {
            this.timestamp = created.toEpochMilli();
            this.touched = created;
        }
    }
}
