package dev.shardline.streams.consumer;

import dev.shardline.platform.lifecycle.BackgroundSteps;
import dev.shardline.streams.StreamsProperties;
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
 * Moves consumers through CREATING → ACTIVE and DELETING → gone after {@code state-transition-delay}, as streams move.
 * The state lives in PostgreSQL, so transitions cut short by a crash are resumed at startup; each step is idempotent.
 */
@Component
class ConsumerLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLifecycle.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final ConsumerRepository consumers;
    private final TransactionTemplate transactions;
    private final StreamsProperties properties;
    private final Clock clock;
    private final BackgroundSteps steps = new BackgroundSteps("consumer-lifecycle", RETRY_DELAY, log);

    ConsumerLifecycle(
            ConsumerRepository consumers, TransactionTemplate transactions, StreamsProperties properties, Clock clock) {
        this.consumers = consumers;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinishedTransitions() {
        consumers.findByStatus(ConsumerStatus.CREATING).forEach(c -> schedule(() -> activate(c.id()), Duration.ZERO));
        consumers.findByStatus(ConsumerStatus.DELETING).forEach(c -> schedule(() -> remove(c.id()), Duration.ZERO));
    }

    void activateAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> activate(id), properties.stateTransitionDelay());
    }

    void deleteAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> remove(id), properties.stateTransitionDelay());
    }

    private void activate(UUID id) {
        transactions.executeWithoutResult(tx -> consumers.findById(id).ifPresent(c -> {
            if (c.status() == ConsumerStatus.CREATING) {
                c.markActive(clock.instant());
                log.info("Consumer {} is ACTIVE", c.name());
            }
        }));
    }

    private void remove(UUID id) {
        transactions.executeWithoutResult(tx -> consumers.findById(id).ifPresent(c -> {
            if (c.status() == ConsumerStatus.DELETING) {
                consumers.delete(c);
                log.info("Consumer {} deregistered", c.name());
            }
        }));
    }

    private void schedule(Runnable step, Duration delay) {
        steps.schedule(step, delay);
    }

    @PreDestroy
    void stop() {
        steps.close();
    }
}
