package dev.shardline.video.media;

import dev.shardline.video.VideoProperties;
import dev.shardline.video.stream.VideoStreamRemoved;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Retention: fragments older than their stream's DataRetentionInHours (by server timestamp) are deleted, index row
 * first and object after, so the index never names a missing object (a crash between the two leaves an unlisted
 * object, deleted with its stream). A removed stream's objects are deleted too. Every instance sweeps; deletes are
 * idempotent.
 */
@Component
class FragmentRetention {

    private static final Logger log = LoggerFactory.getLogger(FragmentRetention.class);
    private static final int BATCH = 500;

    private final FragmentIndex index;
    private final FragmentStore store;
    private final VideoProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "video-retention");
        thread.setDaemon(true);
        return thread;
    });

    FragmentRetention(FragmentIndex index, FragmentStore store, VideoProperties properties, Clock clock) {
        this.index = index;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long interval = properties.retentionCheckInterval().toMillis();
        sweeper.scheduleWithFixedDelay(
                () -> {
                    try {
                        sweep(clock.instant());
                    } catch (RuntimeException e) {
                        log.warn("Retention sweep failed; it runs again in {} ms", interval, e);
                    }
                },
                interval,
                interval,
                TimeUnit.MILLISECONDS);
    }

    /** Deletes what is past retention at {@code now}; answers how many fragments went. */
    int sweep(Instant now) {
        int deleted = 0;
        for (List<FragmentView> expired = index.expired(now, BATCH);
                !expired.isEmpty();
                expired = index.expired(now, BATCH)) {
            for (FragmentView fragment : expired) {
                index.remove(fragment);
                store.delete(fragment.objectKey());
                deleted++;
            }
        }
        if (deleted > 0) {
            log.info("Deleted {} fragments past their streams' retention", deleted);
        }
        return deleted;
    }

    @EventListener
    void streamRemoved(VideoStreamRemoved removed) {
        sweeper.execute(() -> {
            try {
                store.deleteAll(removed.streamId() + "/");
            } catch (RuntimeException e) {
                log.warn("The fragments of removed stream {} could not all be deleted", removed.name(), e);
            }
        });
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }
}
