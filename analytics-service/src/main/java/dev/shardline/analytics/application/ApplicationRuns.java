package dev.shardline.analytics.application;

import dev.shardline.analytics.engine.FlinkEngine;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.platform.error.AwsErrorType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** StartApplication, StopApplication and the Flink dashboard of a running application. */
@Service
public class ApplicationRuns {

    private final ApplicationRepository applications;
    private final SnapshotRepository snapshots;
    private final OperationRepository operations;
    private final ApplicationWorker worker;
    private final FlinkEngine engine;
    private final Clock clock;

    // Six: the application, the snapshot a start names, the operation it records, the job's steps, its dashboard, time.
    ApplicationRuns(
            ApplicationRepository applications,
            SnapshotRepository snapshots,
            OperationRepository operations,
            ApplicationWorker worker,
            ObjectProvider<FlinkEngine> engines,
            Clock clock) {
        this.applications = applications;
        this.snapshots = snapshots;
        this.operations = operations;
        this.worker = worker;
        this.engine = RuntimeEngine.of(engines);
        this.clock = clock;
    }

    /** StartApplication: STARTING now, RUNNING once the engine runs the job; returns the operation id. */
    @Transactional
    public String start(ApplicationCommands.Start command) {
        Application app = lock(command.ref());
        if (app.configuration().code() == null) {
            throw AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception("Application " + app.name()
                    + " has no application code: set ApplicationCodeConfiguration with UpdateApplication first.");
        }
        RestoreType restore = command.restore() == null ? app.restoreType() : command.restore();
        String snapshotName = command.restore() == null ? app.restoreSnapshotName() : command.snapshotName();
        if (restore == RestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT) {
            if (snapshotName == null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception(
                        "SnapshotName is required when ApplicationRestoreType is RESTORE_FROM_CUSTOM_SNAPSHOT.");
            }
            Snapshot snapshot = snapshots
                    .find(app.id(), snapshotName)
                    .orElseThrow(() -> ApplicationErrors.snapshotNotFound(app.name(), snapshotName));
            if (!Snapshot.READY.equals(snapshot.status())) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("Snapshot " + snapshotName + " of application "
                        + app.name() + " is " + snapshot.status() + "; only a READY snapshot can be restored.");
            }
        }
        Instant now = now();
        boolean allowNonRestored =
                command.allowNonRestoredState() == null ? app.allowNonRestoredState() : command.allowNonRestoredState();
        app.beginStart(
                restore,
                restore == RestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT ? snapshotName : null,
                allowNonRestored,
                now);
        Operation op = operations.save(Operation.begin(app.id(), "StartApplication", now));
        worker.submitAfterCommit(app.id());
        return op.id();
    }

    /**
     * StopApplication: a RUNNING application is STOPPING (its job stopped with a snapshot when snapshots are enabled,
     * else cancelled); with {@code force}, FORCE_STOPPING from any running status (the job is cancelled).
     */
    @Transactional
    public String stop(ApplicationRef ref, boolean force) {
        Application app = lock(ref);
        Instant now = now();
        app.beginStop(force, now);
        if (force) {
            // A force stop ends what was under way: the start, update, rollback or stop never completes.
            operations.findInProgress(app.id()).stream()
                    .filter(o -> !"CreateApplicationSnapshot".equals(o.operation()))
                    .forEach(o -> o.cancel("Cancelled by StopApplication with Force.", now));
        }
        Operation op = operations.save(Operation.begin(app.id(), "StopApplication", now));
        worker.stopAfterCommit(app.id(), op.id());
        return op.id();
    }

    /** CreateApplicationPresignedUrl with FLINK_DASHBOARD_URL: the Flink web UI of the application's job. */
    @Transactional(readOnly = true)
    public String dashboardUrl(ApplicationRef ref) {
        Application app = applications
                .findByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
        app.requireRunning("CreateApplicationPresignedUrl");
        if (app.jobId() == null) {
            throw ApplicationErrors.inStatus(
                    app.name(), ApplicationStatus.STARTING, "CreateApplicationPresignedUrl", ApplicationStatus.RUNNING);
        }
        return engine.dashboard(new JobId(app.jobId()))
                .map(Object::toString)
                .orElseThrow(() -> AwsErrorType.INVALID_ARGUMENT.exception(
                        "The Flink dashboard of application " + app.name() + " is not available."));
    }

    private Application lock(ApplicationRef ref) {
        return applications
                .lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
