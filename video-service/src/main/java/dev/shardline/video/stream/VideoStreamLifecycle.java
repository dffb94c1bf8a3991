package dev.shardline.video.stream;

import dev.shardline.platform.lifecycle.BackgroundSteps;
import dev.shardline.video.VideoProperties;
import jakarta.annotation.PreDestroy;
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
 * Moves video streams through CREATING → ACTIVE and DELETING → gone in the background, as AWS does. The state lives in
 * PostgreSQL, so transitions cut short by a crash are resumed at startup; each step is idempotent.
 */
@Component
class VideoStreamLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VideoStreamLifecycle.class);

    private final VideoStreamRepository streams;
    private final TransactionTemplate transactions;
    private final VideoProperties properties;
    private final ApplicationEventPublisher events;
    private final BackgroundSteps steps = new BackgroundSteps("video-stream-lifecycle", Duration.ofSeconds(2), log);

    VideoStreamLifecycle(
            VideoStreamRepository streams,
            TransactionTemplate transactions,
            VideoProperties properties,
            ApplicationEventPublisher events) {
        this.streams = streams;
        this.transactions = transactions;
        this.properties = properties;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinishedTransitions() {
        streams.findByStatus(VideoStreamStatus.CREATING)
                .forEach(s -> steps.schedule(() -> activate(s.id()), Duration.ZERO));
        streams.findByStatus(VideoStreamStatus.DELETING)
                .forEach(s -> steps.schedule(() -> remove(s.id()), Duration.ZERO));
    }

    void activateAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> activate(id), properties.stateTransitionDelay());
    }

    void deleteAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> remove(id), properties.stateTransitionDelay());
    }

    private void activate(UUID id) {
        transactions.executeWithoutResult(tx -> streams.findById(id)
                .filter(s -> s.status() == VideoStreamStatus.CREATING)
                .ifPresent(s -> {
                    s.markActive();
                    log.info("Video stream {} is ACTIVE", s.name());
                }));
    }

    private void remove(UUID id) {
        String removed = transactions.execute(tx -> streams.findById(id)
                .filter(s -> s.status() == VideoStreamStatus.DELETING)
                .map(s -> {
                    streams.delete(s); // its fragment index goes with it (on delete cascade)
                    return s.name();
                })
                .orElse(null));
        if (removed != null) {
            log.info("Video stream {} deleted", removed);
            events.publishEvent(new VideoStreamRemoved(id, removed));
        }
    }

    @PreDestroy
    void stop() {
        steps.close();
    }
}
