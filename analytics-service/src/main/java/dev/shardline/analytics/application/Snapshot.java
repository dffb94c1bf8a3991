package dev.shardline.analytics.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An application snapshot (a Flink savepoint): CREATING until the engine has written it, then READY or FAILED. */
// Named apart from other services' entities: all-in-one runs them in one persistence unit.
@Entity(name = "AnalyticsSnapshot")
@Table(schema = "analytics", name = "application_snapshot")
class Snapshot {

    static final String CREATING = "CREATING";
    static final String READY = "READY";
    static final String FAILED = "FAILED";

    @Id
    private UUID id;

    @Column(name = "application_id", nullable = false)
    private UUID applicationId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String status;

    @Column(name = "version_id", nullable = false)
    private long versionId;

    @Column(name = "runtime_environment", nullable = false)
    private String runtimeEnvironment;

    @Column
    private String location;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Snapshot() {}

    /** A snapshot that the engine has already written (StopApplication's, an update's). */
    static Snapshot written(
            UUID applicationId, String name, long versionId, String runtime, String location, Instant now) {
        Snapshot s = creating(applicationId, name, versionId, runtime, now);
        s.ready(location);
        return s;
    }

    static Snapshot creating(UUID applicationId, String name, long versionId, String runtime, Instant now) {
        Snapshot s = new Snapshot();
        s.id = UUID.randomUUID();
        s.applicationId = applicationId;
        s.name = name;
        s.status = CREATING;
        s.versionId = versionId;
        s.runtimeEnvironment = runtime;
        s.createdAt = now;
        return s;
    }

    void ready(String writtenTo) {
        status = READY;
        location = writtenTo;
    }

    void failed() {
        status = FAILED;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String status() {
        return status;
    }

    String location() {
        return location;
    }

    Instant createdAt() {
        return createdAt;
    }

    SnapshotView view() {
        return new SnapshotView(name, status, versionId, createdAt, runtimeEnvironment, location);
    }
}
