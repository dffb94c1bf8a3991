package dev.shardline.analytics.application;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One version of an application, kept after it was replaced (ListApplicationVersions, RollbackApplication). */
@Entity
@Table(schema = "analytics", name = "application_version")
class ApplicationVersion {

    @Id
    private UUID id;

    @Column(name = "application_id", nullable = false)
    private UUID applicationId;

    @Column(name = "version_id", nullable = false)
    private long versionId;

    @Column(nullable = false)
    private String description;

    @Column(name = "runtime_environment", nullable = false)
    private String runtimeEnvironment;

    @Column(name = "service_execution_role", nullable = false)
    private String serviceExecutionRole;

    @Convert(converter = ConfigJson.class)
    @Column(nullable = false)
    private ApplicationConfig configuration;

    @Column(name = "version_updated_from")
    private Long versionUpdatedFrom;

    @Column(name = "version_rolled_back_from")
    private Long versionRolledBackFrom;

    @Column(name = "version_rolled_back_to")
    private Long versionRolledBackTo;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ApplicationVersion() {}

    static ApplicationVersion of(
            UUID applicationId,
            long versionId,
            String description,
            String runtimeEnvironment,
            String serviceExecutionRole,
            ApplicationConfig configuration,
            Long updatedFrom,
            Long rolledBackFrom,
            Long rolledBackTo,
            Instant createdAt) {
        ApplicationVersion v = new ApplicationVersion();
        v.id = UUID.randomUUID();
        v.applicationId = applicationId;
        v.versionId = versionId;
        v.description = description;
        v.runtimeEnvironment = runtimeEnvironment;
        v.serviceExecutionRole = serviceExecutionRole;
        v.configuration = configuration;
        v.versionUpdatedFrom = updatedFrom;
        v.versionRolledBackFrom = rolledBackFrom;
        v.versionRolledBackTo = rolledBackTo;
        v.createdAt = createdAt;
        return v;
    }

    long versionId() {
        return versionId;
    }

    String description() {
        return description;
    }

    String serviceExecutionRole() {
        return serviceExecutionRole;
    }

    ApplicationConfig configuration() {
        return configuration;
    }

    /** This version as DescribeApplicationVersion shows it: the application's identity, this version's contents. */
    ApplicationView view(ApplicationView current) {
        boolean isCurrent = current.versionId() == versionId;
        return new ApplicationView(
                current.id(),
                current.ref(),
                description,
                runtimeEnvironment,
                serviceExecutionRole,
                current.applicationMode(),
                isCurrent ? current.status() : ApplicationStatus.READY,
                versionId,
                versionUpdatedFrom,
                versionRolledBackFrom,
                versionRolledBackTo,
                createdAt,
                current.createdAt(),
                isCurrent ? current.updatedAt() : createdAt,
                isCurrent ? current.conditionalToken() : null,
                configuration,
                current.runRestoreType(),
                current.runSnapshotName(),
                current.allowNonRestoredState());
    }
}
