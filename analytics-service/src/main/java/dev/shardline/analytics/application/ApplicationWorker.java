package dev.shardline.analytics.application;

import dev.shardline.analytics.AnalyticsProperties;
import dev.shardline.analytics.engine.FlinkEngine;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.analytics.engine.JobStatus;
import dev.shardline.platform.lifecycle.BackgroundSteps;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The Flink side of an application's life, in the background: submits jobs, stops and snapshots them through the
 * {@link FlinkEngine}, and a reconciler that moves STARTING and UPDATING to RUNNING once the engine says the job runs,
 * or back to READY with the operation FAILED and the engine's message when it does not. Each step reads the
 * application again and does nothing when it has moved on, so a step that runs twice does no harm; what the answers do
 * to the application is {@link RunRecords}' job.
 */
@Component
class ApplicationWorker {

    private static final Logger log = LoggerFactory.getLogger(ApplicationWorker.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    private static final Set<JobStatus.State> ENDED =
            EnumSet.of(JobStatus.State.FAILED, JobStatus.State.CANCELED, JobStatus.State.FINISHED);

    private final ApplicationRepository applications;
    private final RunRecords records;
    private final JobSpecs specs;
    private final FlinkEngine engine;
    private final AnalyticsProperties properties;
    private final BackgroundSteps steps = new BackgroundSteps("analytics-jobs", RETRY_DELAY, log);
    private final BackgroundSteps reconciler = new BackgroundSteps("analytics-reconciler", RETRY_DELAY, log);
    /** Applications whose step is talking to the engine: the reconciler leaves them alone until it is done. */
    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();

    // Five: the application read, its records written, its job made and run, and the pace of it all.
    ApplicationWorker(
            ApplicationRepository applications,
            RunRecords records,
            JobSpecs specs,
            ObjectProvider<FlinkEngine> engines,
            AnalyticsProperties properties) {
        this.applications = applications;
        this.records = records;
        this.specs = specs;
        this.engine = RuntimeEngine.of(engines);
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startReconciling() {
        reconciler.schedule(this::reconcileAndRepeat, properties.reconcileInterval());
    }

    void submitAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> submit(id), Duration.ZERO);
    }

    void restartAfterCommit(UUID id) {
        // Busy before the commit: the reconciler must never see the UPDATING application with its old, still running
        // job and take that job for the new version's.
        busy.add(id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        busy.remove(id);
                    }
                }
            });
        }
        steps.scheduleAfterCommit(() -> restart(id), Duration.ZERO);
    }

    void stopAfterCommit(UUID id, String operationId) {
        steps.scheduleAfterCommit(() -> stop(id, operationId), Duration.ZERO);
    }

    void snapshotAfterCommit(UUID id, UUID snapshotId, String operationId) {
        steps.scheduleAfterCommit(() -> snapshot(id, snapshotId, operationId), Duration.ZERO);
    }

    void deleteAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> remove(id), properties.stateTransitionDelay());
    }

    /** Submits {@code app}'s job again (after a restart of the process), restoring from {@code restoreFrom}. */
    void resubmit(Application app, Optional<String> restoreFrom) {
        steps.schedule(() -> submit(app, restoreFrom), Duration.ZERO);
    }

    String checkpointDirectory(Application app) {
        return specs.checkpointDirectory(app);
    }

    /** STARTING (or UPDATING, its old job stopped): the job is submitted, restoring as the application says. */
    private void submit(UUID id) {
        Application app = applications.findById(id).orElse(null);
        if (app == null || !RunRecords.startingOrUpdating().test(app) || app.jobId() != null) {
            return;
        }
        submit(app, records.restoreLocation(app));
    }

    /** Submits the job of {@code app}'s current version; a refusal ends its run (READY, operation FAILED). */
    private void submit(Application app, Optional<String> restoreFrom) {
        busy.add(app.id());
        try {
            JobId job;
            try {
                job = engine.submit(specs.of(app, restoreFrom));
            } catch (RuntimeException e) {
                log.warn("Application {}: the engine refused its job: {}", app.name(), e.getMessage());
                records.runFailed(app.id(), message(e));
                return;
            }
            if (records.submitted(app.id(), job.value())) {
                log.info(
                        "Application {}: job {} submitted{}",
                        app.name(),
                        job.value(),
                        restoreFrom.map(r -> ", restoring from " + r).orElse(""));
            } else {
                log.info(
                        "Application {} was stopped or deleted while its job was submitted; cancelling job {}",
                        app.name(),
                        job.value());
                await(engine.cancel(job));
            }
        } finally {
            busy.remove(app.id());
        }
    }

    /** An update of a RUNNING application: its job stops (with a snapshot when enabled) and the new version starts. */
    private void restart(UUID id) {
        Application app = applications.findById(id).orElse(null);
        if (app == null || app.status() != ApplicationStatus.UPDATING) {
            return;
        }
        busy.add(id);
        try {
            if (app.jobId() != null) {
                JobId old = new JobId(app.jobId());
                try {
                    if (app.configuration().snapshotsEnabled()) {
                        records.snapshotTaken(app, await(engine.stopWithSnapshot(old)));
                    } else {
                        await(engine.cancel(old));
                    }
                } catch (RuntimeException e) {
                    log.warn("Application {}: its job did not stop for the update: {}", app.name(), e.getMessage());
                    records.restartFailed(id, message(e));
                    return;
                }
                records.oldJobStopped(id);
            }
            Application stopped = applications.findById(id).orElse(null);
            if (stopped != null && stopped.status() == ApplicationStatus.UPDATING) {
                submit(stopped, records.restoreLocation(stopped));
            }
        } finally {
            busy.remove(id);
        }
    }

    /** STOPPING: the job stops with a snapshot (snapshots enabled) or is cancelled; FORCE_STOPPING: cancelled. */
    private void stop(UUID id, String operationId) {
        Application app = applications.findById(id).orElse(null);
        if (app == null
                || (app.status() != ApplicationStatus.STOPPING && app.status() != ApplicationStatus.FORCE_STOPPING)) {
            return;
        }
        boolean force = app.status() == ApplicationStatus.FORCE_STOPPING;
        busy.add(id);
        try {
            if (app.jobId() != null) {
                JobId job = new JobId(app.jobId());
                try {
                    if (!force && app.configuration().snapshotsEnabled()) {
                        records.snapshotTaken(app, await(engine.stopWithSnapshot(job)));
                    } else {
                        await(engine.cancel(job));
                    }
                } catch (RuntimeException e) {
                    log.warn("Application {}: its job did not stop: {}", app.name(), e.getMessage());
                    records.stopFailed(id, operationId, message(e));
                    return;
                }
            }
            records.stopped(id, operationId);
            log.info("Application {} stopped{}", app.name(), force ? " (forced)" : "");
        } finally {
            busy.remove(id);
        }
    }

    /** CreateApplicationSnapshot: the engine takes a savepoint of the running job. */
    private void snapshot(UUID id, UUID snapshotId, String operationId) {
        Application app = applications.findById(id).orElse(null);
        if (app == null || app.jobId() == null) {
            records.snapshotEnded(snapshotId, operationId, null, "The application is not running.");
            return;
        }
        try {
            String location = await(engine.snapshot(new JobId(app.jobId())));
            records.snapshotEnded(snapshotId, operationId, location, null);
            log.info("Application {}: snapshot written to {}", app.name(), location);
        } catch (RuntimeException e) {
            log.warn("Application {}: snapshot failed: {}", app.name(), e.getMessage());
            records.snapshotEnded(snapshotId, operationId, null, message(e));
        }
    }

    /** DELETING: its job cancelled (if it runs), its local JAR files and then its rows gone. */
    private void remove(UUID id) {
        Application app = applications.findById(id).orElse(null);
        if (app == null || app.status() != ApplicationStatus.DELETING) {
            return;
        }
        if (app.jobId() != null) {
            try {
                await(engine.cancel(new JobId(app.jobId())));
            } catch (RuntimeException e) {
                log.warn("Application {}: cancelling its job for the deletion failed: {}", app.name(), e.getMessage());
            }
        }
        specs.deleteLocalCode(id);
        records.remove(id);
        log.info("Application {} deleted", app.name());
    }

    private void reconcileAndRepeat() {
        try {
            reconcile();
        } finally {
            reconciler.schedule(this::reconcileAndRepeat, properties.reconcileInterval());
        }
    }

    /** Asks the engine how each job does, and moves its application on. */
    private void reconcile() {
        for (Application app : applications.findByStatusIn(
                EnumSet.of(ApplicationStatus.STARTING, ApplicationStatus.UPDATING, ApplicationStatus.RUNNING))) {
            if (app.jobId() == null || busy.contains(app.id())) {
                continue;
            }
            JobStatus status;
            try {
                status = engine.status(new JobId(app.jobId()));
            } catch (RuntimeException e) {
                log.warn("Application {}: status of job {} unknown: {}", app.name(), app.jobId(), e.getMessage());
                continue;
            }
            if (busy.contains(app.id())) {
                continue; // a step began while the engine was asked: its state is the step's to change
            }
            if (status.state() == JobStatus.State.RUNNING
                    && RunRecords.startingOrUpdating().test(app)) {
                records.running(app.id(), app.jobId(), app.status());
                log.info("Application {} is RUNNING", app.name());
            } else if (ENDED.contains(status.state())) {
                String why = status.failure().orElse("The job ended as " + status.state() + ".");
                log.warn("Application {}: job {} {}: {}", app.name(), app.jobId(), status.state(), why);
                records.jobEnded(app.id(), app.jobId(), why);
            }
        }
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(properties.engineTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The engine did not answer within " + properties.engineTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The engine's message: what the operation's ErrorInfo shows. */
    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @PreDestroy
    void close() {
        reconciler.close();
        steps.close();
    }
}
