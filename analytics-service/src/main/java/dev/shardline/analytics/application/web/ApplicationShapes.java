package dev.shardline.analytics.application.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response shapes of the kinesisanalyticsv2 actions, with AWS's member names. */
public final class ApplicationShapes {

    private ApplicationShapes() {}

    // ---- configuration, as CreateApplication brings it

    public record ApplicationConfiguration(
            Map<String, Object> sqlApplicationConfiguration,
            FlinkApplicationConfiguration flinkApplicationConfiguration,
            EnvironmentProperties environmentProperties,
            ApplicationCodeConfiguration applicationCodeConfiguration,
            ApplicationSnapshotConfiguration applicationSnapshotConfiguration,
            ApplicationSystemRollbackConfiguration applicationSystemRollbackConfiguration,
            List<Map<String, Object>> vpcConfigurations,
            Map<String, Object> zeppelinApplicationConfiguration,
            Map<String, Object> applicationEncryptionConfiguration) {}

    public record FlinkApplicationConfiguration(
            CheckpointConfiguration checkpointConfiguration,
            MonitoringConfiguration monitoringConfiguration,
            ParallelismConfiguration parallelismConfiguration) {}

    /** CheckpointConfiguration, and CheckpointConfigurationDescription (the same members). */
    public record CheckpointConfiguration(
            String configurationType,
            Boolean checkpointingEnabled,
            Long checkpointInterval,
            Long minPauseBetweenCheckpoints) {}

    /** MonitoringConfiguration, and MonitoringConfigurationDescription (the same members). */
    public record MonitoringConfiguration(String configurationType, String metricsLevel, String logLevel) {}

    public record ParallelismConfiguration(
            String configurationType, Integer parallelism, Integer parallelismPerKPU, Boolean autoScalingEnabled) {}

    public record EnvironmentProperties(List<PropertyGroup> propertyGroups) {}

    public record PropertyGroup(String propertyGroupId, Map<String, String> propertyMap) {}

    public record ApplicationCodeConfiguration(CodeContent codeContent, String codeContentType) {}

    public record CodeContent(String textContent, byte[] zipFileContent, S3ContentLocation s3ContentLocation) {}

    public record S3ContentLocation(String bucketARN, String fileKey, String objectVersion) {}

    /** ApplicationSnapshotConfiguration, and its description (the same member). */
    public record ApplicationSnapshotConfiguration(Boolean snapshotsEnabled) {}

    /** ApplicationSystemRollbackConfiguration, and its description (the same member). */
    public record ApplicationSystemRollbackConfiguration(Boolean rollbackEnabled) {}

    public record Tag(String key, String value) {}

    // ---- configuration updates

    public record ApplicationConfigurationUpdate(
            Map<String, Object> sqlApplicationConfigurationUpdate,
            ApplicationCodeConfigurationUpdate applicationCodeConfigurationUpdate,
            FlinkApplicationConfigurationUpdate flinkApplicationConfigurationUpdate,
            EnvironmentProperties environmentPropertyUpdates,
            ApplicationSnapshotConfigurationUpdate applicationSnapshotConfigurationUpdate,
            ApplicationSystemRollbackConfigurationUpdate applicationSystemRollbackConfigurationUpdate,
            List<Map<String, Object>> vpcConfigurationUpdates,
            Map<String, Object> zeppelinApplicationConfigurationUpdate,
            Map<String, Object> applicationEncryptionConfigurationUpdate) {}

    public record ApplicationCodeConfigurationUpdate(
            String codeContentTypeUpdate, CodeContentUpdate codeContentUpdate) {}

    public record CodeContentUpdate(
            String textContentUpdate, byte[] zipFileContentUpdate, S3ContentLocationUpdate s3ContentLocationUpdate) {}

    public record S3ContentLocationUpdate(String bucketARNUpdate, String fileKeyUpdate, String objectVersionUpdate) {}

    public record FlinkApplicationConfigurationUpdate(
            CheckpointConfigurationUpdate checkpointConfigurationUpdate,
            MonitoringConfigurationUpdate monitoringConfigurationUpdate,
            ParallelismConfigurationUpdate parallelismConfigurationUpdate) {}

    public record CheckpointConfigurationUpdate(
            String configurationTypeUpdate,
            Boolean checkpointingEnabledUpdate,
            Long checkpointIntervalUpdate,
            Long minPauseBetweenCheckpointsUpdate) {}

    public record MonitoringConfigurationUpdate(
            String configurationTypeUpdate, String metricsLevelUpdate, String logLevelUpdate) {}

    public record ParallelismConfigurationUpdate(
            String configurationTypeUpdate,
            Integer parallelismUpdate,
            Integer parallelismPerKPUUpdate,
            Boolean autoScalingEnabledUpdate) {}

    public record ApplicationSnapshotConfigurationUpdate(Boolean snapshotsEnabledUpdate) {}

    public record ApplicationSystemRollbackConfigurationUpdate(Boolean rollbackEnabledUpdate) {}

    public record RunConfigurationUpdate(
            FlinkRunConfiguration flinkRunConfiguration,
            ApplicationRestoreConfiguration applicationRestoreConfiguration) {}

    public record RunConfiguration(
            FlinkRunConfiguration flinkRunConfiguration,
            List<Map<String, Object>> sqlRunConfigurations,
            ApplicationRestoreConfiguration applicationRestoreConfiguration) {}

    public record FlinkRunConfiguration(Boolean allowNonRestoredState) {}

    public record ApplicationRestoreConfiguration(String applicationRestoreType, String snapshotName) {}

    // ---- descriptions

    public record ApplicationDetail(
            String applicationARN,
            String applicationDescription,
            String applicationName,
            String runtimeEnvironment,
            String serviceExecutionRole,
            String applicationStatus,
            Long applicationVersionId,
            Instant createTimestamp,
            Instant lastUpdateTimestamp,
            ApplicationConfigurationDescription applicationConfigurationDescription,
            Long applicationVersionUpdatedFrom,
            Long applicationVersionRolledBackFrom,
            Instant applicationVersionCreateTimestamp,
            String conditionalToken,
            Long applicationVersionRolledBackTo,
            String applicationMode) {}

    public record ApplicationConfigurationDescription(
            ApplicationCodeConfigurationDescription applicationCodeConfigurationDescription,
            RunConfigurationDescription runConfigurationDescription,
            FlinkApplicationConfigurationDescription flinkApplicationConfigurationDescription,
            EnvironmentPropertyDescriptions environmentPropertyDescriptions,
            ApplicationSnapshotConfiguration applicationSnapshotConfigurationDescription,
            ApplicationSystemRollbackConfiguration applicationSystemRollbackConfigurationDescription) {}

    public record ApplicationCodeConfigurationDescription(
            String codeContentType, CodeContentDescription codeContentDescription) {}

    public record CodeContentDescription(
            String textContent,
            String codeMD5,
            Long codeSize,
            S3ContentLocation s3ApplicationCodeLocationDescription) {}

    public record RunConfigurationDescription(
            ApplicationRestoreConfiguration applicationRestoreConfigurationDescription,
            FlinkRunConfiguration flinkRunConfigurationDescription) {}

    public record FlinkApplicationConfigurationDescription(
            CheckpointConfiguration checkpointConfigurationDescription,
            MonitoringConfiguration monitoringConfigurationDescription,
            ParallelismConfigurationDescription parallelismConfigurationDescription,
            String jobPlanDescription) {}

    public record ParallelismConfigurationDescription(
            String configurationType,
            Integer parallelism,
            Integer parallelismPerKPU,
            Integer currentParallelism,
            Boolean autoScalingEnabled) {}

    public record EnvironmentPropertyDescriptions(List<PropertyGroup> propertyGroupDescriptions) {}

    public record ApplicationSummary(
            String applicationName,
            String applicationARN,
            String applicationStatus,
            Long applicationVersionId,
            String runtimeEnvironment,
            String applicationMode) {}

    public record SnapshotDetails(
            String snapshotName,
            String snapshotStatus,
            Long applicationVersionId,
            Instant snapshotCreationTimestamp,
            String runtimeEnvironment) {}

    public record ApplicationVersionSummary(Long applicationVersionId, String applicationStatus) {}

    public record ApplicationOperationInfo(
            String operation, String operationId, Instant startTime, Instant endTime, String operationStatus) {}

    public record ApplicationOperationInfoDetails(
            String operation,
            Instant startTime,
            Instant endTime,
            String operationStatus,
            ApplicationVersionChangeDetails applicationVersionChangeDetails,
            OperationFailureDetails operationFailureDetails) {}

    public record ApplicationVersionChangeDetails(
            Long applicationVersionUpdatedFrom, Long applicationVersionUpdatedTo) {}

    public record OperationFailureDetails(String rollbackOperationId, ErrorInfo errorInfo) {}

    public record ErrorInfo(String errorString) {}
}
