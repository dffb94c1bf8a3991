package dev.shardline.analytics.application;

import java.time.Instant;
import java.util.UUID;

/**
 * One version of an application as the wire describes it (DescribeApplication, DescribeApplicationVersion).
 *
 * @param runRestoreType the ApplicationRestoreType of the last (or next) start
 * @param runSnapshotName its SnapshotName, for RESTORE_FROM_CUSTOM_SNAPSHOT
 */
public record ApplicationView(
        UUID id,
        ApplicationRef ref,
        String description,
        String runtimeEnvironment,
        String serviceExecutionRole,
        String applicationMode,
        ApplicationStatus status,
        long versionId,
        Long versionUpdatedFrom,
        Long versionRolledBackFrom,
        Long versionRolledBackTo,
        Instant versionCreatedAt,
        Instant createdAt,
        Instant updatedAt,
        String conditionalToken,
        ApplicationConfig config,
        String runRestoreType,
        String runSnapshotName,
        boolean allowNonRestoredState) {}
