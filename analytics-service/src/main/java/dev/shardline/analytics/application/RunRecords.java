package dev.shardline.analytics.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the engine's answers do to an application, each in a transaction of its own under the application's row lock:
 * its status, its job, the operation under way and the snapshots. Each checks that the application is still where the
 * answer applies, so a late or repeated answer changes nothing.
 */
@Component
class RunRecords {

    /** The operations that end when the job runs (or does not come about). */
    static final Set<String> RUN_OPERATIONS = Set.of("StartApplication", "UpdateApplication", "RollbackApplication");

    private final ApplicationRepository applications;
    private final OperationRepository operations;
    private final SnapshotRepository snapshots;
    private final TransactionTemplate transactions;
    private final Clock clock;

    // Five: the three tables a run touches, in transactions, at a time.
    RunRecords(
            ApplicationRepository applications,
            OperationRepository operations,
            SnapshotRepository snapshots,
            TransactionTemplate transactions,
            Clock clock) {
        this.applications = applications;
        this.operations = operations;
        this.snapshots = snapshots;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The engine accepted the job: false when the application was stopped or deleted meanwhile. */
    boolean submitted(UUID id, String job) {
        return Boolean.TRUE.equals(transactions.execute(tx -> applications
                .lockById(id)
                .filter(a -> a.status() == ApplicationStatus.STARTING
                        || a.status() == ApplicationStatus.UPDATING
                        || a.status() == ApplicationStatus.RUNNING)
                .map(a -> {
                    a.submitted(job, now());
                    return true;
                })
                .orElse(false)));
    }

    /** An update's old job stopped: the application waits, UPDATING, for its new one. */
    void oldJobStopped(UUID id) {
        transactions.executeWithoutResult(tx -> applications.lockById(id).ifPresent(a -> a.submitted(null, now())));
    }

    /**
     * The job of a STARTING or UPDATING application runs: RUNNING, and its start, update or rollback SUCCESSFUL.
     * {@code observed} is the status the application had when the engine was asked about {@code job}.
     */
    void running(UUID id, String job, ApplicationStatus observed) {
        transactions.executeWithoutResult(tx -> applications
                .lockById(id)
                // unchanged since the engine was asked: a job seen RUNNING before an update is not the update's job
                .filter(a -> job.equals(a.jobId()) && a.status() == observed && startingOrUpdating(a))
                .ifPresent(a -> {
                    a.markRunning(now());
                    endRunOperations(a.id(), o -> o.succeed(now()));
                }));
    }

    /** The job ended on its own (failed for good, cancelled, finished): READY, and a run under way FAILED. */
    void jobEnded(UUID id, String job, String why) {
        transactions.executeWithoutResult(tx -> applications
                .lockById(id)
                .filter(a -> job.equals(a.jobId()))
                .ifPresent(a -> {
                    endRunOperations(a.id(), o -> o.fail(why, now()));
                    a.markReady(now());
                }));
    }

    /** A run that did not come about (the engine refused the job): READY again, its operation FAILED with why. */
    void runFailed(UUID id, String why) {
        transactions.executeWithoutResult(tx -> {
            endRunOperations(id, o -> o.fail(why, now()));
            applications.lockById(id).ifPresent(a -> {
                if (startingOrUpdating(a) || a.status() == ApplicationStatus.RUNNING) {
                    a.markReady(now());
                }
            });
        });
    }

    /** An update's old job did not stop: it runs on, RUNNING, and the update FAILED. */
    void restartFailed(UUID id, String why) {
        transactions.executeWithoutResult(tx -> {
            endRunOperations(id, o -> o.fail(why, now()));
            applications.lockById(id).ifPresent(a -> a.markRunning(now()));
        });
    }

    /** The job stopped (or was cancelled): READY, and the stop SUCCESSFUL. */
    void stopped(UUID id, String operationId) {
        transactions.executeWithoutResult(tx -> {
            operations.findById(operationId).ifPresent(o -> o.succeed(now()));
            applications.lockById(id).ifPresent(a -> {
                if (a.status() == ApplicationStatus.STOPPING || a.status() == ApplicationStatus.FORCE_STOPPING) {
                    a.markReady(now());
                }
            });
        });
    }

    /** The job did not stop: a stop with a snapshot leaves it RUNNING; a forced one READY all the same. */
    void stopFailed(UUID id, String operationId, String why) {
        transactions.executeWithoutResult(tx -> {
            operations.findById(operationId).ifPresent(o -> o.fail(why, now()));
            applications.lockById(id).ifPresent(a -> {
                if (a.status() == ApplicationStatus.STOPPING) {
                    a.stopFailed(now());
                } else if (a.status() == ApplicationStatus.FORCE_STOPPING) {
                    a.markReady(now());
                }
            });
        });
    }

    /** A stop cut short by a restart, its job gone with the process: READY; without its snapshot the stop FAILED. */
    void stopCutShort(UUID id, boolean forced) {
        transactions.executeWithoutResult(tx -> {
            operations.findInProgress(id).forEach(o -> {
                if (forced) {
                    o.succeed(now());
                } else {
                    o.fail("The job ended with a restart of Shardline before its snapshot was taken.", now());
                }
            });
            applications.lockById(id).ifPresent(a -> a.markReady(now()));
        });
    }

    /** A snapshot that StopApplication (or an update's restart) took, named after its version and time. */
    void snapshotTaken(Application app, String location) {
        Instant now = now();
        transactions.executeWithoutResult(tx -> snapshots.save(Snapshot.written(
                app.id(),
                "stop-" + app.versionId() + "-" + now.toEpochMilli(),
                app.versionId(),
                app.runtimeEnvironment(),
                location,
                now)));
    }

    /** CreateApplicationSnapshot's end: READY at {@code location}, or FAILED with {@code error}. */
    void snapshotEnded(UUID snapshotId, String operationId, String location, String error) {
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

    /** Snapshots still CREATING when the process died: FAILED, and their operations too. */
    void snapshotsCutShort() {
        transactions.executeWithoutResult(tx -> snapshots.findCreating().forEach(Snapshot::failed));
        transactions.executeWithoutResult(tx -> applications
                .findAll()
                .forEach(a -> operations.findInProgress(a.id()).stream()
                        .filter(o -> "CreateApplicationSnapshot".equals(o.operation()))
                        .forEach(o -> o.fail("Cut short by a restart of Shardline.", now()))));
    }

    void remove(UUID id) {
        transactions.executeWithoutResult(tx -> applications.deleteById(id));
    }

    /** Where a start restores from: as the application's ApplicationRestoreConfiguration says. */
    Optional<String> restoreLocation(Application app) {
        return switch (app.restoreType()) {
            case SKIP_RESTORE_FROM_SNAPSHOT -> Optional.empty();
            case RESTORE_FROM_LATEST_SNAPSHOT -> latestSnapshot(app).map(Snapshot::location);
            case RESTORE_FROM_CUSTOM_SNAPSHOT ->
                snapshots.find(app.id(), app.restoreSnapshotName()).map(Snapshot::location);
        };
    }

    Optional<Snapshot> latestSnapshot(Application app) {
        return snapshots.findReady(app.id()).stream().findFirst();
    }

    /** The StopApplication operation under way, if any. */
    Optional<String> stopInProgress(UUID id) {
        return operations.findInProgress(id).stream()
                .filter(o -> "StopApplication".equals(o.operation()))
                .map(Operation::id)
                .findFirst();
    }

    private void endRunOperations(UUID id, java.util.function.Consumer<Operation> end) {
        operations.findInProgress(id).stream()
                .filter(o -> RUN_OPERATIONS.contains(o.operation()))
                .forEach(end);
    }

    private static boolean startingOrUpdating(Application app) {
        return app.status() == ApplicationStatus.STARTING || app.status() == ApplicationStatus.UPDATING;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static Predicate<Application> startingOrUpdating() {
        return RunRecords::startingOrUpdating;
    }
}
