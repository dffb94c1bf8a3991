package dev.shardline.analytics.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An application's configuration as it applies (AWS's defaults filled in): what one version of it is, stored as JSON.
 *
 * @param code the application code
 * @param checkpointing CheckpointConfiguration
 * @param monitoring MonitoringConfiguration (kept and described; logs and metrics do not depend on it yet)
 * @param parallelism ParallelismConfiguration
 * @param propertyGroups EnvironmentProperties, in the order given
 * @param snapshotsEnabled ApplicationSnapshotConfiguration.SnapshotsEnabled
 * @param rollbackEnabled ApplicationSystemRollbackConfiguration.RollbackEnabled (kept and described)
 */
public record ApplicationConfig(
        Code code,
        Checkpointing checkpointing,
        Monitoring monitoring,
        Parallelism parallelism,
        List<PropertyGroup> propertyGroups,
        boolean snapshotsEnabled,
        boolean rollbackEnabled) {

    public ApplicationConfig {
        propertyGroups = propertyGroups == null ? List.of() : List.copyOf(propertyGroups);
    }

    /** A Flink application created without an ApplicationConfiguration: no code yet, AWS's defaults elsewhere. */
    public static ApplicationConfig defaults() {
        return new ApplicationConfig(
                null, Checkpointing.DEFAULT, Monitoring.DEFAULT, Parallelism.DEFAULT, List.of(), false, false);
    }

    public ApplicationConfig withCode(Code changed) {
        return new ApplicationConfig(
                changed, checkpointing, monitoring, parallelism, propertyGroups, snapshotsEnabled, rollbackEnabled);
    }

    public ApplicationConfig withCheckpointing(Checkpointing changed) {
        return new ApplicationConfig(
                code, changed, monitoring, parallelism, propertyGroups, snapshotsEnabled, rollbackEnabled);
    }

    public ApplicationConfig withMonitoring(Monitoring changed) {
        return new ApplicationConfig(
                code, checkpointing, changed, parallelism, propertyGroups, snapshotsEnabled, rollbackEnabled);
    }

    public ApplicationConfig withParallelism(Parallelism changed) {
        return new ApplicationConfig(
                code, checkpointing, monitoring, changed, propertyGroups, snapshotsEnabled, rollbackEnabled);
    }

    public ApplicationConfig withPropertyGroups(List<PropertyGroup> changed) {
        return new ApplicationConfig(
                code, checkpointing, monitoring, parallelism, changed, snapshotsEnabled, rollbackEnabled);
    }

    public ApplicationConfig withSnapshotsEnabled(boolean changed) {
        return new ApplicationConfig(
                code, checkpointing, monitoring, parallelism, propertyGroups, changed, rollbackEnabled);
    }

    public ApplicationConfig withRollbackEnabled(boolean changed) {
        return new ApplicationConfig(
                code, checkpointing, monitoring, parallelism, propertyGroups, snapshotsEnabled, changed);
    }

    /** The property groups as the engine takes them: group id to its properties. */
    public Map<String, Map<String, String>> propertyGroupMap() {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        propertyGroups.forEach(g -> groups.put(g.id(), Map.copyOf(g.properties())));
        return groups;
    }

    /**
     * The application code.
     *
     * @param contentType PLAINTEXT (Flink SQL) or ZIPFILE (a JAR)
     * @param text the SQL of PLAINTEXT code
     * @param blobId the stored JAR of ZIPFILE code
     * @param md5 the JAR's MD5, in hex
     * @param size the JAR's size in bytes, or the text's
     * @param s3 where the JAR was read from, when it came from S3
     */
    public record Code(String contentType, String text, UUID blobId, String md5, long size, S3Location s3) {

        public static final String PLAINTEXT = "PLAINTEXT";
        public static final String ZIPFILE = "ZIPFILE";

        public boolean isSql() {
            return PLAINTEXT.equals(contentType);
        }
    }

    /** An S3 object: BucketARN, FileKey and, if given, ObjectVersion. */
    public record S3Location(String bucketArn, String fileKey, String objectVersion) {}

    /** CheckpointConfiguration; under DEFAULT AWS's values apply whatever else was given. */
    public record Checkpointing(String configurationType, boolean enabled, long intervalMillis, long minPauseMillis) {

        public static final Checkpointing DEFAULT = new Checkpointing("DEFAULT", true, 60_000, 5_000);

        public static Checkpointing of(String type, Boolean enabled, Long interval, Long minPause) {
            if (!"CUSTOM".equals(type)) {
                return DEFAULT;
            }
            return new Checkpointing(
                    "CUSTOM",
                    enabled == null ? DEFAULT.enabled : enabled,
                    interval == null ? DEFAULT.intervalMillis : interval,
                    minPause == null ? DEFAULT.minPauseMillis : minPause);
        }
    }

    /** MonitoringConfiguration; under DEFAULT, metrics at APPLICATION level and logs at INFO. */
    public record Monitoring(String configurationType, String metricsLevel, String logLevel) {

        public static final Monitoring DEFAULT = new Monitoring("DEFAULT", "APPLICATION", "INFO");

        public static Monitoring of(String type, String metricsLevel, String logLevel) {
            if (!"CUSTOM".equals(type)) {
                return DEFAULT;
            }
            return new Monitoring(
                    "CUSTOM",
                    metricsLevel == null ? DEFAULT.metricsLevel : metricsLevel,
                    logLevel == null ? DEFAULT.logLevel : logLevel);
        }
    }

    /** ParallelismConfiguration; under DEFAULT, parallelism 1, 1 per KPU, automatic scaling on (as AWS). */
    public record Parallelism(String configurationType, int parallelism, int perKpu, boolean autoScaling) {

        public static final Parallelism DEFAULT = new Parallelism("DEFAULT", 1, 1, true);

        public static Parallelism of(String type, Integer parallelism, Integer perKpu, Boolean autoScaling) {
            if (!"CUSTOM".equals(type)) {
                return DEFAULT;
            }
            return new Parallelism(
                    "CUSTOM",
                    parallelism == null ? DEFAULT.parallelism : parallelism,
                    perKpu == null ? DEFAULT.perKpu : perKpu,
                    autoScaling == null ? DEFAULT.autoScaling : autoScaling);
        }
    }

    /** One group of EnvironmentProperties. */
    public record PropertyGroup(String id, Map<String, String> properties) {

        public PropertyGroup {
            properties = new LinkedHashMap<>(properties);
        }
    }
}
