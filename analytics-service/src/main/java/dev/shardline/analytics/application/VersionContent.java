package dev.shardline.analytics.application;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * What one version of an application is: its number, where it came from, and the contents that UpdateApplication and
 * RollbackApplication change. The application carries its current one; {@link ApplicationVersion} keeps each.
 */
@Embeddable
record VersionContent(
        @Column(name = "version_id", nullable = false) long versionId,
        @Column(nullable = false) String description,

        @Column(name = "runtime_environment", nullable = false)
        String runtimeEnvironment,

        @Column(name = "service_execution_role", nullable = false)
        String serviceExecutionRole,

        @Convert(converter = ConfigJson.class) @Column(nullable = false)
        ApplicationConfig configuration,

        @Column(name = "version_updated_from") Long updatedFrom,
        @Column(name = "version_rolled_back_from") Long rolledBackFrom,
        @Column(name = "version_rolled_back_to") Long rolledBackTo,
        @Column(name = "created_at", nullable = false) Instant createdAt) {

    /** Version 1 of a new application. */
    static VersionContent first(
            String description, String runtimeEnvironment, String role, ApplicationConfig config, Instant now) {
        return new VersionContent(
                1, description == null ? "" : description, runtimeEnvironment, role, config, null, null, null, now);
    }

    /** The next version with {@code changed}, updated from this one; a null description or role stays as it was. */
    VersionContent updated(String newDescription, String newRole, ApplicationConfig changed, Instant now) {
        return new VersionContent(
                versionId + 1,
                newDescription != null ? newDescription : description,
                runtimeEnvironment,
                newRole != null ? newRole : serviceExecutionRole,
                changed,
                versionId,
                null,
                null,
                now);
    }

    /** The next version with {@code earlier}'s contents, as RollbackApplication makes it. */
    VersionContent rolledBackTo(VersionContent earlier, Instant now) {
        return new VersionContent(
                versionId + 1,
                earlier.description,
                runtimeEnvironment,
                earlier.serviceExecutionRole,
                earlier.configuration,
                null,
                versionId,
                earlier.versionId,
                now);
    }
}
