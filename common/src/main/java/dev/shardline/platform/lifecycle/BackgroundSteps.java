package dev.shardline.platform.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Background steps of a state machine kept in PostgreSQL (a stream, a consumer, a delivery stream): each runs on one named thread after its delay and, when it
 * fails, runs again after {@code retryDelay}. Steps must be idempotent.
 */
public final class BackgroundSteps implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final Duration retryDelay;
    private final Logger log;

    public BackgroundSteps(String threadName, Duration retryDelay, Logger log) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.retryDelay = retryDelay;
        this.log = log;
    }

    public void schedule(Runnable step, Duration delay) {
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

    /**
     * Schedules the step once the current transaction commits, so it never acts on state that was rolled back;
     * outside a transaction, at once.
     */
    public void scheduleAfterCommit(Runnable step, Duration delay) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            schedule(step, delay);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                schedule(step, delay);
            }
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
