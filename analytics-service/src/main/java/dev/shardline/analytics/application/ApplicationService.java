package dev.shardline.analytics.application;

import dev.shardline.analytics.AnalyticsProperties;
import dev.shardline.platform.error.AwsErrorType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, describing, listing and deleting applications: shared by the AWS endpoint and the REST API. */
@Service
public class ApplicationService {

    private final ApplicationRepository applications;
    private final ApplicationVersions versions;
    private final ApplicationWorker worker;
    private final AnalyticsProperties properties;
    private final Clock clock;

    ApplicationService(
            ApplicationRepository applications,
            ApplicationVersions versions,
            ApplicationWorker worker,
            AnalyticsProperties properties,
            Clock clock) {
        this.applications = applications;
        this.versions = versions;
        this.worker = worker;
        this.properties = properties;
        this.clock = clock;
    }

    /** A page of applications in name order. */
    public record ApplicationPage(List<ApplicationView> applications, boolean hasMore) {}

    /** CreateApplication: READY at once, version 1; the engine checks its code first. */
    @Transactional
    public ApplicationView create(ApplicationCommands.Create command) {
        ApplicationRef ref = command.ref();
        if (!ApplicationErrors.RUNTIME.equals(command.runtimeEnvironment())) {
            throw ApplicationErrors.unsupportedRuntime(command.runtimeEnvironment());
        }
        if (applications.findByRef(ref.accountId(), ref.region(), ref.name()).isPresent()) {
            throw ApplicationErrors.alreadyExists(ref);
        }
        long count = applications.countByAccount(ref.accountId(), ref.region());
        if (count >= properties.applicationLimit()) {
            throw AwsErrorType.LIMIT_EXCEEDED.exception("Number of applications in account " + ref.accountId()
                    + " has reached the limit of " + properties.applicationLimit() + ".");
        }
        ApplicationCode.Prepared code = versions.prepare(command.code());
        ApplicationConfig config =
                code == null ? command.config() : command.config().withCode(code.code());
        Application app = Application.create(
                ref,
                command.description(),
                command.runtimeEnvironment(),
                command.serviceExecutionRole(),
                command.applicationMode(),
                config,
                now());
        app.tag(command.tags());
        versions.validate(app.id(), ref, config, code);
        try {
            versions.saveNew(app, code);
        } catch (DataIntegrityViolationException raced) {
            throw ApplicationErrors.alreadyExists(ref);
        }
        return app.view();
    }

    @Transactional(readOnly = true)
    public ApplicationView describe(ApplicationRef ref) {
        return find(ref).view();
    }

    @Transactional(readOnly = true)
    public ApplicationPage list(String accountId, String region, String after, int limit) {
        List<Application> page =
                applications.findPage(accountId, region, after == null ? "" : after, Limit.of(limit + 1));
        return new ApplicationPage(
                page.stream().limit(limit).map(Application::view).toList(), page.size() > limit);
    }

    /** DeleteApplication: CreateTimestamp must match; a running job is cancelled; then the application is gone. */
    @Transactional
    public void delete(ApplicationRef ref, Instant createTimestamp) {
        Application app = applications
                .lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
        app.beginDelete(createTimestamp, now());
        worker.deleteAfterCommit(app.id());
    }

    private Application find(ApplicationRef ref) {
        return applications
                .findByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
    }

    /** Timestamps to the millisecond: what the wire carries, so that DeleteApplication's CreateTimestamp can match. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
