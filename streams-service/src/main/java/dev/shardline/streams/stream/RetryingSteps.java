package dev.shardline.streams.stream;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Background steps of a state machine kept in PostgreSQL: each runs on one named thread after its delay and, when it
 * fails, runs again after {@code retryDelay}. Steps must be idempotent.
 */
final class RetryingSteps implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final Duration retryDelay;
    private final Logger log;

    RetryingSteps(String threadName, Duration retryDelay, Logger log) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.retryDelay = retryDelay;
        this.log = log;
    }

    void schedule(Runnable step, Duration delay) {
        scheduler.schedule(
                () -> {
                    try {
                        step.run();
                    } catch (RuntimeException e) {
                        log.warn("Background step failed; retrying in {}", retryDelay, e);
                        schedule(step, retryDelay);
                    }
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
