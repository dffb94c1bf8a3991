package dev.shardline.streams.stream;

import dev.shardline.platform.lifecycle.BackgroundSteps;
import dev.shardline.streams.StreamsProperties;
import dev.shardline.streams.kafka.StreamTopics;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves streams through CREATING → ACTIVE, UPDATING → ACTIVE and DELETING → gone in the background, as AWS does.
 * The state lives in PostgreSQL, so transitions cut short by a crash are resumed at startup; each step is idempotent.
 */
@Component
class StreamLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamLifecycle.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final StreamRepository streams;
    private final StreamTopics topics;
    private final StreamDirectory directory;
    private final TransactionTemplate transactions;
    private final StreamsProperties properties;
    private final Clock clock;
    private final BackgroundSteps steps = new BackgroundSteps("stream-lifecycle", RETRY_DELAY, log);

    // Six: each background step loads the stream, changes its topic, commits and evicts the cached copy, timed by
    // properties
    // and the clock.
    StreamLifecycle(
            StreamRepository streams,
            StreamTopics topics,
            StreamDirectory directory,
            TransactionTemplate transactions,
            StreamsProperties properties,
            Clock clock) {
        this.streams = streams;
        this.topics = topics;
        this.directory = directory;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinishedTransitions() {
        streams.findByStatus(StreamStatus.CREATING).forEach(s -> schedule(() -> activate(s.id()), Duration.ZERO));
        streams.findByStatus(StreamStatus.DELETING).forEach(s -> schedule(() -> remove(s.id()), Duration.ZERO));
        streams.findByStatus(StreamStatus.UPDATING).forEach(s -> schedule(() -> settle(s.id()), Duration.ZERO));
    }

    void activateAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> activate(id), properties.stateTransitionDelay());
    }

    void deleteAfterCommit(UUID id) {
        // The data plane stops serving the stream right after the commit; the topic goes after the delay.
        steps.scheduleAfterCommit(() -> directory.evict(id), Duration.ZERO);
        steps.scheduleAfterCommit(() -> remove(id), properties.stateTransitionDelay());
    }

    /** After a settings change: the data plane sees it at once, the topic follows, then the stream is ACTIVE. */
    void settleAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> directory.evict(id), Duration.ZERO);
        steps.scheduleAfterCommit(() -> settle(id), properties.stateTransitionDelay());
    }

    private void activate(UUID id) {
        KinesisStream stream = streams.findById(id).orElse(null);
        if (stream == null || stream.status() != StreamStatus.CREATING) {
            return;
        }
        topics.create(stream.topic(), stream.shards().size(), stream.retentionHours());
        transactions.executeWithoutResult(tx -> streams.lockById(id).ifPresent(s -> {
            if (s.status() == StreamStatus.CREATING) {
                s.markActive(clock.instant());
            }
        }));
        directory.evict(id);
        log.info("Stream {} is ACTIVE", stream.name());
    }

    private void settle(UUID id) {
        KinesisStream stream = streams.findById(id).orElse(null);
        if (stream == null || stream.status() != StreamStatus.UPDATING) {
            return;
        }
        if (stream.hasPendingShards() || !stream.closingShards().isEmpty()) {
            return; // a resharding: ReshardExecutor finishes it
        }
        // Nothing else changes an UPDATING stream's settings, so what was read here is what gets applied.
        topics.setRetention(stream.topic(), stream.retentionHours());
        transactions.executeWithoutResult(tx -> streams.lockById(id).ifPresent(s -> {
            if (s.status() == StreamStatus.UPDATING) {
                s.markActive(clock.instant());
            }
        }));
        directory.evict(id);
        log.info("Stream {} is ACTIVE again after an update", stream.name());
    }

    private void remove(UUID id) {
        KinesisStream stream = streams.findById(id).orElse(null);
        if (stream == null || stream.status() != StreamStatus.DELETING) {
            return;
        }
        topics.delete(stream.topic());
        // Under the row lock, as every change: the tombstone is ordered after the stream's other catalogue entries.
        transactions.executeWithoutResult(tx -> streams.lockById(id).ifPresent(streams::delete));
        directory.evict(id);
        log.info("Stream {} deleted", stream.name());
    }

    private void schedule(Runnable step, Duration delay) {
        steps.schedule(step, delay);
    }

    @PreDestroy
    void stop() {
        steps.close();
    }
}
