package dev.shardline.analytics.application;

import dev.shardline.platform.error.AwsErrorType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * UpdateApplication, RollbackApplication and the versions they make. A READY application changes at once; a RUNNING
 * one is UPDATING while its job restarts with the new version (from a snapshot when snapshots are enabled).
 */
@Service
public class ApplicationUpdates {

    private final ApplicationRepository applications;
    private final ApplicationVersions versions;
    private final ApplicationVersionRepository versionRows;
    private final OperationRepository operations;
    private final ApplicationWorker worker;
    private final Clock clock;

    // Six: the application, its versions (as a whole and as rows), the operation it records, the restart, time.
    ApplicationUpdates(
            ApplicationRepository applications,
            ApplicationVersions versions,
            ApplicationVersionRepository versionRows,
            OperationRepository operations,
            ApplicationWorker worker,
            Clock clock) {
        this.applications = applications;
        this.versions = versions;
        this.versionRows = versionRows;
        this.operations = operations;
        this.worker = worker;
        this.clock = clock;
    }

    /** The application after a change, and the operation that carries the change out. */
    public record Change(ApplicationView application, String operationId) {}

    /** A page of versions, newest first; {@code next} is the NextToken of the page after, or null. */
    public record VersionPage(List<ApplicationView> versions, String next) {}

    @Transactional
    public Change update(ApplicationCommands.Update command) {
        Application app = lock(command.ref());
        if (command.currentVersionId() == null && command.conditionalToken() == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "Either CurrentApplicationVersionId or ConditionalToken must be provided.");
        }
        app.checkCurrent(command.currentVersionId(), command.conditionalToken());
        app.checkUpdatable("UpdateApplication");
        if (command.runtimeEnvironment() != null && !ApplicationErrors.RUNTIME.equals(command.runtimeEnvironment())) {
            throw ApplicationErrors.unsupportedRuntime(command.runtimeEnvironment());
        }
        ApplicationConfig config = command.change().apply(app.configuration());
        ApplicationCode.Prepared code = command.code() == null
                ? null
                : versions.prepare(ApplicationVersions.merge(config.code(), command.code()));
        if (code != null) {
            config = config.withCode(code.code());
        }
        versions.validate(app.id(), app.ref(), config, code);
        Instant now = now();
        long from = app.update(null, command.serviceExecutionRole(), config, now);
        app.setRunConfiguration(command.restore(), command.snapshotName(), command.allowNonRestoredState());
        versions.saveChanged(app, code);
        Operation op = Operation.begin(app.id(), "UpdateApplication", now).changingVersion(from, app.versionId());
        return new Change(carryOut(app, op, now), op.id());
    }

    /** RollbackApplication: a new version with the configuration of the version before the current one. */
    @Transactional
    public Change rollback(ApplicationRef ref, long currentVersionId) {
        Application app = lock(ref);
        app.checkCurrent(currentVersionId, null);
        app.checkUpdatable("RollbackApplication");
        if (app.versionId() == 1) {
            throw AwsErrorType.INVALID_REQUEST.exception(
                    "Application " + app.name() + " has no earlier version to roll back to.");
        }
        Instant now = now();
        long from = app.versionId();
        app.rollBackTo(versions.find(app, from - 1), now);
        versions.saveChanged(app, null);
        Operation op = Operation.begin(app.id(), "RollbackApplication", now).changingVersion(from, app.versionId());
        return new Change(carryOut(app, op, now), op.id());
    }

    @Transactional(readOnly = true)
    public VersionPage versions(ApplicationRef ref, String nextToken, int limit) {
        Application app = find(ref);
        long before = Long.MAX_VALUE;
        if (nextToken != null) {
            try {
                before = Long.parseLong(nextToken);
            } catch (NumberFormatException e) {
                throw ApplicationErrors.invalidNextToken(nextToken);
            }
        }
        ApplicationView current = app.view();
        List<ApplicationVersion> page = versionRows.findPage(app.id(), before, Limit.of(limit + 1));
        List<ApplicationView> views =
                page.stream().limit(limit).map(v -> v.view(current)).toList();
        String next =
                page.size() > limit ? Long.toString(views.get(views.size() - 1).versionId()) : null;
        return new VersionPage(views, next);
    }

    @Transactional(readOnly = true)
    public ApplicationView version(ApplicationRef ref, long versionId) {
        Application app = find(ref);
        return versions.find(app, versionId).view(app.view());
    }

    /** A READY application's change is done; a RUNNING one's job restarts with it. */
    private ApplicationView carryOut(Application app, Operation op, Instant now) {
        if (app.status() == ApplicationStatus.RUNNING) {
            app.beginRestart(now);
            operations.save(op);
            worker.restartAfterCommit(app.id());
        } else {
            op.succeed(now);
            operations.save(op);
        }
        return app.view();
    }

    private Application lock(ApplicationRef ref) {
        return applications
                .lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
    }

    private Application find(ApplicationRef ref) {
        return applications
                .findByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
