package dev.shardline.firehose.deliverystream;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.firehose.delivery.DeliveryStreamEvents;
import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.SourcePositions;
import dev.shardline.platform.lifecycle.BackgroundSteps;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves delivery streams through CREATING → ACTIVE and DELETING → gone in the background, as AWS does. The state lives
 * in PostgreSQL, so transitions cut short by a crash are resumed at startup; each step is idempotent.
 */
@Component
class DeliveryStreamLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStreamLifecycle.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final DeliveryStreamRepository streams;
    private final SourcePositions sources;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final FirehoseProperties properties;
    private final Clock clock;
    private final BackgroundSteps steps = new BackgroundSteps("delivery-stream-lifecycle", RETRY_DELAY, log);

    // Six: a step needs the row (repository, transactions), the source, whom to tell, time and pace.
    DeliveryStreamLifecycle(
            DeliveryStreamRepository streams,
            SourcePositions sources,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            FirehoseProperties properties,
            Clock clock) {
        this.streams = streams;
        this.sources = sources;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinishedTransitions() {
        streams.findByStatus(DeliveryStreamStatus.CREATING)
                .forEach(s -> schedule(() -> activate(s.id()), Duration.ZERO));
        streams.findByStatus(DeliveryStreamStatus.DELETING).forEach(s -> schedule(() -> remove(s.id()), Duration.ZERO));
    }

    void activateAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> activate(id), properties.stateTransitionDelay());
    }

    void deleteAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> remove(id), properties.stateTransitionDelay());
    }

    private void activate(UUID id) {
        DeliveryStream stream = streams.findById(id).orElse(null);
        if (stream == null || stream.status() != DeliveryStreamStatus.CREATING) {
            return;
        }
        sources.prepare(stream.view());
        DeliveryStreamView active = transactions.execute(tx -> streams.lockById(id)
                .filter(s -> s.status() == DeliveryStreamStatus.CREATING)
                .map(s -> {
                    s.markActive(clock.instant());
                    return s.view();
                })
                .orElse(null));
        if (active != null) {
            log.info("Delivery stream {} is ACTIVE", active.ref().name());
            events.publishEvent(new DeliveryStreamEvents.Activated(active));
        }
    }

    private void remove(UUID id) {
        DeliveryStream stream = streams.findById(id).orElse(null);
        if (stream == null || stream.status() != DeliveryStreamStatus.DELETING) {
            return;
        }
        events.publishEvent(new DeliveryStreamEvents.Removing(id));
        sources.release(stream.view()); // a buffer topic; never a Kinesis stream's or MSK topic
        transactions.executeWithoutResult(tx -> streams.deleteById(id));
        log.info("Delivery stream {} deleted", stream.name());
    }

    private void schedule(Runnable step, Duration delay) {
        steps.schedule(step, delay);
    }

    @PreDestroy
    void stop() {
        steps.close();
    }
}
