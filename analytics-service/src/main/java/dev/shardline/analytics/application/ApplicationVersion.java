package dev.shardline.analytics.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One version of an application, kept after it was replaced (ListApplicationVersions, RollbackApplication). */
@Entity
@Table(schema = "analytics", name = "application_version")
class ApplicationVersion {

    @Id
    private UUID id;

    @Column(name = "application_id", nullable = false)
    private UUID applicationId;

    @Embedded
    private VersionContent content;

    protected ApplicationVersion() {}

    static ApplicationVersion of(UUID applicationId, VersionContent content) {
        ApplicationVersion v = new ApplicationVersion();
        v.id = UUID.randomUUID();
        v.applicationId = applicationId;
        v.content = content;
        return v;
    }

    VersionContent content() {
        return content;
    }

    long versionId() {
        return content.versionId();
    }

    /** This version as DescribeApplicationVersion shows it: the application's identity, this version's contents. */
    ApplicationView view(ApplicationView current) {
        boolean isCurrent = current.versionId() == content.versionId();
        return new ApplicationView(
                current.id(),
                current.ref(),
                content.description(),
                content.runtimeEnvironment(),
                content.serviceExecutionRole(),
                current.applicationMode(),
                isCurrent ? current.status() : ApplicationStatus.READY,
                content.versionId(),
                content.updatedFrom(),
                content.rolledBackFrom(),
                content.rolledBackTo(),
                content.createdAt(),
                current.createdAt(),
                isCurrent ? current.updatedAt() : content.createdAt(),
                isCurrent ? current.conditionalToken() : null,
                content.configuration(),
                current.runRestoreType(),
                current.runSnapshotName(),
                current.allowNonRestoredState());
    }
}
