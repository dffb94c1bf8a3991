package dev.shardline.analytics.application;

import dev.shardline.platform.error.AwsErrorType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** CreateApplicationSnapshot, DescribeApplicationSnapshot, ListApplicationSnapshots, DeleteApplicationSnapshot. */
@Service
public class ApplicationSnapshots {

    private final ApplicationRepository applications;
    private final SnapshotRepository snapshots;
    private final OperationRepository operations;
    private final ApplicationWorker worker;
    private final Clock clock;

    ApplicationSnapshots(
            ApplicationRepository applications,
            SnapshotRepository snapshots,
            OperationRepository operations,
            ApplicationWorker worker,
            Clock clock) {
        this.applications = applications;
        this.snapshots = snapshots;
        this.operations = operations;
        this.worker = worker;
        this.clock = clock;
    }

    /** A page of snapshots, newest first; {@code next} is the NextToken of the page after, or null. */
    public record SnapshotPage(List<SnapshotView> snapshots, String next) {}

    /** A snapshot of the running job: CREATING now, READY once the engine has written it. */
    @Transactional
    public void create(ApplicationRef ref, String name) {
        Application app = applications
                .lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
        app.requireRunning("CreateApplicationSnapshot");
        if (!app.configuration().snapshotsEnabled()) {
            throw AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception("Snapshots are disabled for application "
                    + app.name() + ": enable them with ApplicationSnapshotConfiguration first.");
        }
        if (snapshots.find(app.id(), name).isPresent()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "Snapshot " + name + " already exists for application " + app.name() + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Snapshot snapshot;
        try {
            snapshot = snapshots.saveAndFlush(
                    Snapshot.creating(app.id(), name, app.versionId(), app.runtimeEnvironment(), now));
        } catch (DataIntegrityViolationException raced) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "Snapshot " + name + " already exists for application " + app.name() + ".");
        }
        Operation op = operations.save(Operation.begin(app.id(), "CreateApplicationSnapshot", now));
        worker.snapshotAfterCommit(app.id(), snapshot.id(), op.id());
    }

    @Transactional(readOnly = true)
    public SnapshotView describe(ApplicationRef ref, String name) {
        Application app = find(ref);
        return snapshots
                .find(app.id(), name)
                .orElseThrow(() -> ApplicationErrors.snapshotNotFound(app.name(), name))
                .view();
    }

    @Transactional(readOnly = true)
    public SnapshotPage list(ApplicationRef ref, String nextToken, int limit) {
        Application app = find(ref);
        Paging<SnapshotView> page = Paging.of(
                snapshots.findByApplication(app.id()).stream()
                        .map(Snapshot::view)
                        .toList(),
                nextToken,
                limit);
        return new SnapshotPage(page.items(), page.next());
    }

    /**
     * DeleteApplicationSnapshot: SnapshotCreationTimestamp must match; a snapshot being written cannot be deleted. The
     * savepoint's files stay where the engine wrote them (the engine contract has no call to remove them).
     */
    @Transactional
    public void delete(ApplicationRef ref, String name, Instant createdAt) {
        Application app = applications
                .lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
        Snapshot snapshot =
                snapshots.find(app.id(), name).orElseThrow(() -> ApplicationErrors.snapshotNotFound(app.name(), name));
        if (!Application.sameSecond(createdAt, snapshot.createdAt())) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("SnapshotCreationTimestamp " + createdAt
                    + " does not match the creation timestamp of snapshot " + name + " (" + snapshot.createdAt()
                    + ").");
        }
        if (Snapshot.CREATING.equals(snapshot.status())) {
            throw AwsErrorType.RESOURCE_IN_USE.exception(
                    "Snapshot " + name + " of application " + app.name() + " is being created.");
        }
        snapshots.delete(snapshot);
    }

    private Application find(ApplicationRef ref) {
        return applications
                .findByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
    }
}
