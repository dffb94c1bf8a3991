package dev.shardline.analytics.application;

import static dev.shardline.analytics.application.ApplicationStatus.DELETING;
import static dev.shardline.analytics.application.ApplicationStatus.FORCE_STOPPING;
import static dev.shardline.analytics.application.ApplicationStatus.READY;
import static dev.shardline.analytics.application.ApplicationStatus.RUNNING;
import static dev.shardline.analytics.application.ApplicationStatus.STARTING;
import static dev.shardline.analytics.application.ApplicationStatus.STOPPING;
import static dev.shardline.analytics.application.ApplicationStatus.UPDATING;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.lifecycle.StateMachine;
import dev.shardline.platform.tag.TagLimit;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.annotations.OptimisticLock;

/** A Managed Flink application: the aggregate that refuses illegal status changes and keeps its versions counted. */
// Named apart from other services' entities: all-in-one runs them in one persistence unit.
@Entity(name = "AnalyticsApplication")
@Table(schema = "analytics", name = "application")
class Application {

    static final TagLimit TAG_LIMIT = TagLimit.AWS_DEFAULT;

    /**
     * READY → STARTING → RUNNING → STOPPING → READY, as AWS; a start that fails goes back to READY, a stop that fails
     * back to RUNNING. A RUNNING application is UPDATING while its job restarts with a new version; FORCE_STOPPING
     * cancels a job in any running status. DELETING ends every status but the transitional ones.
     */
    static final StateMachine<ApplicationStatus> LIFECYCLE = StateMachine.of(ApplicationStatus.class)
            .allow(READY, STARTING)
            .allow(STARTING, RUNNING)
            .allow(STARTING, READY)
            .allow(RUNNING, STOPPING)
            .allow(STOPPING, READY)
            .allow(STOPPING, RUNNING)
            .allow(RUNNING, UPDATING)
            .allow(UPDATING, RUNNING)
            .allow(UPDATING, READY)
            .allow(RUNNING, READY)
            .allow(STARTING, FORCE_STOPPING)
            .allow(RUNNING, FORCE_STOPPING)
            .allow(UPDATING, FORCE_STOPPING)
            .allow(STOPPING, FORCE_STOPPING)
            .allow(FORCE_STOPPING, READY)
            .allow(READY, DELETING)
            .allow(RUNNING, DELETING)
            .build();

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(nullable = false)
    private String region;

    @Column(nullable = false)
    private String name;

    @Embedded
    @AttributeOverride(name = "createdAt", column = @Column(name = "version_created_at", nullable = false))
    private VersionContent version;

    @Column(name = "application_mode", nullable = false)
    private String applicationMode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApplicationStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "job_id")
    private String jobId;

    @Column(name = "started_at")
    private Instant startedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "restore_type", nullable = false)
    private RestoreType restoreType;

    @Column(name = "restore_snapshot_name")
    private String restoreSnapshotName;

    @Column(name = "allow_non_restored_state", nullable = false)
    private boolean allowNonRestoredState;

    @ElementCollection
    @CollectionTable(schema = "analytics", name = "application_tag", joinColumns = @JoinColumn(name = "application_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value", nullable = false)
    @OptimisticLock(excluded = true) // tags change under the row lock; a tag call need not fail a status change
    private Map<String, String> tags = new HashMap<>();

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected Application() {}

    /** A new application: READY, version 1. */
    static Application create(
            ApplicationRef ref,
            String description,
            String runtimeEnvironment,
            String role,
            String mode,
            ApplicationConfig config,
            Instant now) {
        Application app = new Application();
        app.id = UUID.randomUUID();
        app.accountId = ref.accountId();
        app.region = ref.region();
        app.name = ref.name();
        app.version = VersionContent.first(description, runtimeEnvironment, role, config, now);
        app.applicationMode = mode == null ? "STREAMING" : mode;
        app.status = READY;
        app.createdAt = now;
        app.updatedAt = now;
        app.restoreType = RestoreType.RESTORE_FROM_LATEST_SNAPSHOT;
        return app;
    }

    /** UpdateApplication's and RollbackApplication's preconditions: the caller saw the current version. */
    void checkCurrent(Long currentVersionId, String conditionalToken) {
        if (currentVersionId != null && currentVersionId != version.versionId()) {
            throw ApplicationErrors.versionMismatch(name, currentVersionId, version.versionId());
        }
        if (conditionalToken != null && !conditionalToken.equals(conditionalToken())) {
            throw ApplicationErrors.tokenMismatch(name);
        }
    }

    /** The statuses in which the configuration may change: READY at once, RUNNING by restarting the job. */
    void checkUpdatable(String action) {
        StateMachine.require(
                status,
                (current, allowed) -> ApplicationErrors.inStatus(name, current, action, READY, RUNNING),
                READY,
                RUNNING);
    }

    /** A new version with {@code changed}; returns the version it was updated from. */
    long update(String newDescription, String newRole, ApplicationConfig changed, Instant now) {
        long from = version.versionId();
        version = version.updated(newDescription, newRole, changed, now);
        updatedAt = now;
        return from;
    }

    /** A new version with an earlier one's configuration, as RollbackApplication makes it. */
    void rollBackTo(ApplicationVersion earlier, Instant now) {
        version = version.rolledBackTo(earlier.content(), now);
        updatedAt = now;
    }

    /** StartApplication: READY becomes STARTING with how the job is to restore. */
    void beginStart(RestoreType restore, String snapshotName, boolean allowNonRestored, Instant now) {
        status = LIFECYCLE.move(
                status, STARTING, (from, to) -> ApplicationErrors.inStatus(name, from, "StartApplication", READY));
        restoreType = restore;
        restoreSnapshotName = snapshotName;
        allowNonRestoredState = allowNonRestored;
        jobId = null;
        startedAt = now;
        updatedAt = now;
    }

    /** The run configuration given with UpdateApplication or StartApplication, kept for the next (re)start. */
    void setRunConfiguration(RestoreType restore, String snapshotName, Boolean allowNonRestored) {
        if (restore != null) {
            restoreType = restore;
            restoreSnapshotName = snapshotName;
        }
        if (allowNonRestored != null) {
            allowNonRestoredState = allowNonRestored;
        }
    }

    /** The engine accepted the job. */
    void submitted(String job, Instant now) {
        jobId = job;
        startedAt = now;
    }

    /** STARTING or UPDATING becomes RUNNING once the engine says the job runs. */
    void markRunning(Instant now) {
        status = LIFECYCLE.move(status, RUNNING, (from, to) -> new IllegalStateException(name + " is " + from));
        updatedAt = now;
    }

    /** The job is gone (stopped, cancelled, failed): READY again. */
    void markReady(Instant now) {
        status = LIFECYCLE.move(status, READY, (from, to) -> new IllegalStateException(name + " is " + from));
        jobId = null;
        updatedAt = now;
    }

    /** A stop with a snapshot failed and the job still runs. */
    void stopFailed(Instant now) {
        status = LIFECYCLE.move(status, RUNNING, (from, to) -> new IllegalStateException(name + " is " + from));
        updatedAt = now;
    }

    /** StopApplication: STOPPING (snapshot, then stop) or, with Force, FORCE_STOPPING (cancel). */
    void beginStop(boolean force, Instant now) {
        ApplicationStatus target = force ? FORCE_STOPPING : STOPPING;
        if (!force) {
            StateMachine.require(
                    status,
                    (current, allowed) -> ApplicationErrors.inStatus(name, current, "StopApplication", RUNNING),
                    RUNNING);
        }
        status = LIFECYCLE.move(
                status,
                target,
                (from, to) -> ApplicationErrors.inStatus(
                        name, from, "StopApplication with Force", STARTING, RUNNING, UPDATING, STOPPING));
        updatedAt = now;
    }

    /** An update (or rollback) of a RUNNING application: UPDATING while its job restarts. */
    void beginRestart(Instant now) {
        status = LIFECYCLE.move(
                status, UPDATING, (from, to) -> ApplicationErrors.inStatus(name, from, "UpdateApplication", RUNNING));
        updatedAt = now;
    }

    /** DeleteApplication: READY or RUNNING (whose job is cancelled) applications; CreateTimestamp must match. */
    void beginDelete(Instant createTimestamp, Instant now) {
        if (!sameSecond(createTimestamp, createdAt)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("CreateTimestamp " + createTimestamp + " does not match "
                    + "the create timestamp of application " + name + " (" + createdAt + ").");
        }
        status = LIFECYCLE.move(
                status,
                DELETING,
                (from, to) -> ApplicationErrors.inStatus(name, from, "DeleteApplication", READY, RUNNING));
        updatedAt = now;
    }

    /**
     * Timestamps that a caller sends back match to the second: boto3 and the AWS CLI send whole epoch seconds of what
     * DescribeApplication gave them (the SDK for Java sends milliseconds).
     */
    static boolean sameSecond(Instant given, Instant stored) {
        return given.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .equals(stored.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** CreateApplicationSnapshot and CreateApplicationPresignedUrl need a running job. */
    void requireRunning(String action) {
        StateMachine.require(
                status, (current, allowed) -> ApplicationErrors.inStatus(name, current, action, RUNNING), RUNNING);
    }

    void tag(Map<String, String> added) {
        TAG_LIMIT.check(
                tags.keySet(),
                added,
                () -> AwsErrorType.TOO_MANY_TAGS.exception("Application " + name + " has " + tags.size() + " tags; "
                        + "adding these would exceed the limit of " + TAG_LIMIT.max() + " tags per application."));
        tags.putAll(added);
    }

    void untag(Collection<String> keys) {
        keys.forEach(tags::remove);
    }

    SortedMap<String, String> tags() {
        return new TreeMap<>(tags);
    }

    /** An opaque token that changes with every version, for UpdateApplication's ConditionalToken. */
    String conditionalToken() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((id + ":" + version.versionId()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    ApplicationStatus status() {
        return status;
    }

    long versionId() {
        return version.versionId();
    }

    String jobId() {
        return jobId;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    ApplicationConfig configuration() {
        return version.configuration();
    }

    RestoreType restoreType() {
        return restoreType;
    }

    String restoreSnapshotName() {
        return restoreSnapshotName;
    }

    boolean allowNonRestoredState() {
        return allowNonRestoredState;
    }

    String runtimeEnvironment() {
        return version.runtimeEnvironment();
    }

    ApplicationRef ref() {
        return new ApplicationRef(accountId, region, name);
    }

    /** The version row that this version of the application is kept as. */
    ApplicationVersion snapshotVersion() {
        return ApplicationVersion.of(id, version);
    }

    ApplicationView view() {
        return new ApplicationView(
                id,
                ref(),
                version.description(),
                version.runtimeEnvironment(),
                version.serviceExecutionRole(),
                applicationMode,
                status,
                version.versionId(),
                version.updatedFrom(),
                version.rolledBackFrom(),
                version.rolledBackTo(),
                version.createdAt(),
                createdAt,
                updatedAt,
                conditionalToken(),
                version.configuration(),
                restoreType.name(),
                restoreSnapshotName,
                allowNonRestoredState);
    }
}
