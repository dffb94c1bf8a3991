package dev.shardline.analytics.application;

import dev.shardline.analytics.AnalyticsProperties;
import dev.shardline.analytics.engine.FlinkEngine;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.analytics.engine.JobStatus;
import dev.shardline.platform.lifecycle.BackgroundSteps;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Flink side of an application's life, in the background: submits jobs, stops and snapshots them through the
 * {@link FlinkEngine}, and a reconciler that moves STARTING and UPDATING to RUNNING once the engine says the job runs,
 * or back to READY with the operation FAILED and the engine's message when it failed. Each step reads the application
 * again and does nothing when it has moved on, so a step that runs twice does no harm.
 */
@Component
class ApplicationWorker {

    private static final Logger log = LoggerFactory.getLogger(ApplicationWorker.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    private static final Set<String> RUN_OPERATIONS =
            Set.of("StartApplication", "UpdateApplication", "RollbackApplication");
    private static final Set<JobStatus.State> ENDED =
            EnumSet.of(JobStatus.State.FAILED, JobStatus.State.CANCELED, JobStatus.State.FINISHED);

    private final ApplicationRepository applications;
    private final OperationRepository operations;
    private final SnapshotRepository snapshots;
    private final JobSpecs specs;
    private final FlinkEngine engine;
    private final TransactionTemplate transactions;
    private final AnalyticsProperties properties;
    private final Clock clock;
    private final BackgroundSteps steps = new BackgroundSteps("analytics-jobs", RETRY_DELAY, log);
    private final BackgroundSteps reconciler = new BackgroundSteps("analytics-reconciler", RETRY_DELAY, log);
    /** Applications whose step is talking to the engine: the reconciler leaves them alone until it is done. */
    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();

    // Eight: a step reads and writes three tables in transactions, asks the engine with a spec, and needs pace and
    // time.
    ApplicationWorker(
            ApplicationRepository applications,
            OperationRepository operations,
            SnapshotRepository snapshots,
            JobSpecs specs,
            FlinkEngine engine,
            TransactionTemplate transactions,
            AnalyticsProperties properties,
            Clock clock) {
        this.applications = applications;
        this.operations = operations;
        this.snapshots = snapshots;
        this.specs = specs;
        this.engine = engine;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startReconciling() {
        reconciler.schedule(this::reconcileAndRepeat, properties.reconcileInterval());
    }

    void submitAfterCommit(UUID id) {
        steps.scheduleAfterCommit(() -> submit(id), Duration.ZERO);
    }

    void restartAfterCommit(UUID id, String operationId) {
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

    void schedule(Runnable step) {
        steps.schedule(step, Duration.ZERO);
    }

    /** STARTING (or UPDATING, its old job stopped): the job is submitted, restoring as the application says. */
    private void submit(UUID id) {
        Application app = applications.findById(id).orElse(null);
        if (app == null || !isStartingOrUpdating(app) || app.jobId() != null) {
            return;
        }
        submit(app, restoreLocation(app));
    }

    /** Submits the job of {@code app}'s current version; a refusal ends its run (READY, operation FAILED). */
    void submit(Application app, Optional<String> restoreFrom) {
        UUID id = app.id();
        busy.add(id);
        try {
            JobId job;
            try {
                job = engine.submit(specs.of(app, restoreFrom));
            } catch (RuntimeException e) {
                log.warn("Application {}: the engine refused its job: {}", app.name(), e.getMessage());
                endRun(id, message(e));
                return;
            }
            Boolean kept = transactions.execute(tx -> applications
                    .lockById(id)
                    .filter(a -> a.status() == ApplicationStatus.STARTING
                            || a.status() == ApplicationStatus.UPDATING
                            || a.status() == ApplicationStatus.RUNNING)
                    .map(a -> {
                        a.submitted(job.value(), now());
                        return true;
                    })
                    .orElse(false));
            if (Boolean.TRUE.equals(kept)) {
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
            busy.remove(id);
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
                        String location = await(engine.stopWithSnapshot(old));
                        recordSnapshot(app, location);
                    } else {
                        await(engine.cancel(old));
                    }
                } catch (RuntimeException e) {
                    log.warn("Application {}: its job did not stop for the update: {}", app.name(), e.getMessage());
                    endOperations(id, RUN_OPERATIONS, message(e));
                    change(id, a -> a.markRunning(now()));
                    return;
                }
                change(id, a -> a.submitted(null, now()));
            }
            Application stopped = applications.findById(id).orElse(null);
            if (stopped != null && stopped.status() == ApplicationStatus.UPDATING) {
                submit(stopped, restoreLocation(stopped));
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
                        recordSnapshot(app, await(engine.stopWithSnapshot(job)));
                    } else {
                        await(engine.cancel(job));
                    }
                } catch (RuntimeException e) {
                    log.warn("Application {}: its job did not stop: {}", app.name(), e.getMessage());
                    transactions.executeWithoutResult(tx -> {
                        operations.findById(operationId).ifPresent(o -> o.fail(message(e), now()));
                        applications.lockById(id).ifPresent(a -> {
                            if (a.status() == ApplicationStatus.STOPPING) {
                                a.stopFailed(now());
                            } else if (a.status() == ApplicationStatus.FORCE_STOPPING) {
                                a.markReady(now());
                            }
                        });
                    });
                    return;
                }
            }
            transactions.executeWithoutResult(tx -> {
                operations.findById(operationId).ifPresent(o -> o.succeed(now()));
                applications.lockById(id).ifPresent(a -> {
                    if (a.status() == ApplicationStatus.STOPPING || a.status() == ApplicationStatus.FORCE_STOPPING) {
                        a.markReady(now());
                    }
                });
            });
            log.info("Application {} stopped{}", app.name(), force ? " (forced)" : "");
        } finally {
            busy.remove(id);
        }
    }

    /** CreateApplicationSnapshot: the engine takes a savepoint of the running job. */
    private void snapshot(UUID id, UUID snapshotId, String operationId) {
        Application app = applications.findById(id).orElse(null);
        if (app == null || app.jobId() == null) {
            endSnapshot(snapshotId, operationId, null, "Application is not running.");
            return;
        }
        try {
            String location = await(engine.snapshot(new JobId(app.jobId())));
            endSnapshot(snapshotId, operationId, location, null);
            log.info("Application {}: snapshot written to {}", app.name(), location);
        } catch (RuntimeException e) {
            log.warn("Application {}: snapshot failed: {}", app.name(), e.getMessage());
            endSnapshot(snapshotId, operationId, null, message(e));
        }
    }

    private void endSnapshot(UUID snapshotId, String operationId, String location, String error) {
        transactions.executeWithoutResult(tx -> {
            snapshots.findById(snapshotId).ifPresent(s -> {
                if (location != null) {
                    s.ready(location);
                } else {
                    s.failed();
                }
            });
            operations.findById(operationId).ifPresent(o -> {
                if (location != null) {
                    o.succeed(now());
                } else {
                    o.fail(error, now());
                }
            });
        });
    }

    /** DELETING: its job cancelled (if it runs), its rows and its JAR files gone. */
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
        transactions.executeWithoutResult(tx -> applications.deleteById(id));
        log.info("Application {} deleted", app.name());
    }

    private void reconcileAndRepeat() {
        try {
            reconcile();
        } finally {
            reconciler.schedule(this::reconcileAndRepeat, properties.reconcileInterval());
        }
    }

    /** Asks the engine how each running job does, and moves its application on. */
    void reconcile() {
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
            if (status.state() == JobStatus.State.RUNNING && isStartingOrUpdating(app)) {
                String job = app.jobId();
                transactions.executeWithoutResult(tx -> applications
                        .lockById(app.id())
                        .filter(a -> job.equals(a.jobId()) && isStartingOrUpdating(a))
                        .ifPresent(a -> {
                            a.markRunning(now());
                            operations.findInProgress(a.id()).stream()
                                    .filter(o -> RUN_OPERATIONS.contains(o.operation()))
                                    .forEach(o -> o.succeed(now()));
                        }));
                log.info("Application {} is RUNNING", app.name());
            } else if (ENDED.contains(status.state())) {
                String why = status.failure().orElse("The job ended as " + status.state() + ".");
                log.warn("Application {}: job {} {}: {}", app.name(), app.jobId(), status.state(), why);
                String job = app.jobId();
                transactions.executeWithoutResult(tx -> applications
                        .lockById(app.id())
                        .filter(a -> job.equals(a.jobId()))
                        .ifPresent(a -> {
                            operations.findInProgress(a.id()).stream()
                                    .filter(o -> RUN_OPERATIONS.contains(o.operation()))
                                    .forEach(o -> o.fail(why, now()));
                            a.markReady(now());
                        }));
            }
        }
    }

    String checkpointDirectory(Application app) {
        return specs.checkpointDirectory(app);
    }

    /** Where a start restores from: as its ApplicationRestoreConfiguration says. */
    Optional<String> restoreLocation(Application app) {
        return switch (app.restoreType()) {
            case SKIP_RESTORE_FROM_SNAPSHOT -> Optional.empty();
            case RESTORE_FROM_LATEST_SNAPSHOT ->
                snapshots.findReady(app.id()).stream().findFirst().map(Snapshot::location);
            case RESTORE_FROM_CUSTOM_SNAPSHOT ->
                snapshots.find(app.id(), app.restoreSnapshotName()).map(Snapshot::location);
        };
    }

    /** A snapshot that StopApplication (or an update's restart) took, named after the time it was taken. */
    private void recordSnapshot(Application app, String location) {
        Instant now = now();
        transactions.executeWithoutResult(tx -> snapshots.save(Snapshot.written(
                app.id(),
                "stop-" + app.versionId() + "-" + now.toEpochMilli(),
                app.versionId(),
                app.runtimeEnvironment(),
                location,
                now)));
    }

    /** A run that did not come about: READY again, its operation FAILED with why. */
    void endRun(UUID id, String why) {
        transactions.executeWithoutResult(tx -> {
            operations.findInProgress(id).stream()
                    .filter(o -> RUN_OPERATIONS.contains(o.operation()))
                    .forEach(o -> o.fail(why, now()));
            applications.lockById(id).ifPresent(a -> {
                if (a.status() == ApplicationStatus.STARTING
                        || a.status() == ApplicationStatus.UPDATING
                        || a.status() == ApplicationStatus.RUNNING) {
                    a.markReady(now());
                }
            });
        });
    }

    private void endOperations(UUID id, Set<String> names, String why) {
        transactions.executeWithoutResult(tx -> operations.findInProgress(id).stream()
                .filter(o -> names.contains(o.operation()))
                .forEach(o -> o.fail(why, now())));
    }

    private void change(UUID id, Consumer<Application> change) {
        transactions.executeWithoutResult(tx -> applications.lockById(id).ifPresent(change));
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
    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean isStartingOrUpdating(Application app) {
        return app.status() == ApplicationStatus.STARTING || app.status() == ApplicationStatus.UPDATING;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @PreDestroy
    void close() {
        reconciler.close();
        steps.close();
    }
}
