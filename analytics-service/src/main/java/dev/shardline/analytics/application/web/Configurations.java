package dev.shardline.analytics.application.web;

import dev.shardline.analytics.application.ApplicationConfig;
import dev.shardline.analytics.application.ApplicationView;
import dev.shardline.analytics.application.CodeInput;
import dev.shardline.analytics.application.web.ApplicationShapes.*;
import dev.shardline.platform.error.AwsErrorType;
import java.util.List;
import java.util.function.UnaryOperator;

/** The wire's configuration shapes to the application's configuration and back, with AWS's defaults. */
final class Configurations {

    private Configurations() {}

    /** CreateApplication's ApplicationConfiguration without its code; features Shardline lacks are refused. */
    static ApplicationConfig config(ApplicationConfiguration given) {
        ApplicationConfig config = ApplicationConfig.defaults();
        if (given == null) {
            return config;
        }
        refuse(given.sqlApplicationConfiguration(), "SqlApplicationConfiguration");
        refuse(given.vpcConfigurations(), "VpcConfigurations");
        refuse(given.zeppelinApplicationConfiguration(), "ZeppelinApplicationConfiguration");
        refuse(given.applicationEncryptionConfiguration(), "ApplicationEncryptionConfiguration");
        FlinkApplicationConfiguration flink = given.flinkApplicationConfiguration();
        if (flink != null && flink.checkpointConfiguration() != null) {
            CheckpointConfiguration c = flink.checkpointConfiguration();
            config = config.withCheckpointing(ApplicationConfig.Checkpointing.of(
                    c.configurationType(),
                    c.checkpointingEnabled(),
                    c.checkpointInterval(),
                    c.minPauseBetweenCheckpoints()));
        }
        if (flink != null && flink.monitoringConfiguration() != null) {
            MonitoringConfiguration m = flink.monitoringConfiguration();
            config = config.withMonitoring(
                    ApplicationConfig.Monitoring.of(m.configurationType(), m.metricsLevel(), m.logLevel()));
        }
        if (flink != null && flink.parallelismConfiguration() != null) {
            ParallelismConfiguration p = flink.parallelismConfiguration();
            config = config.withParallelism(ApplicationConfig.Parallelism.of(
                    p.configurationType(), p.parallelism(), p.parallelismPerKPU(), p.autoScalingEnabled()));
        }
        if (given.environmentProperties() != null) {
            config = config.withPropertyGroups(groups(given.environmentProperties()));
        }
        if (given.applicationSnapshotConfiguration() != null) {
            config = config.withSnapshotsEnabled(
                    Boolean.TRUE.equals(given.applicationSnapshotConfiguration().snapshotsEnabled()));
        }
        if (given.applicationSystemRollbackConfiguration() != null) {
            config = config.withRollbackEnabled(Boolean.TRUE.equals(
                    given.applicationSystemRollbackConfiguration().rollbackEnabled()));
        }
        return config;
    }

    static CodeInput code(ApplicationConfiguration given) {
        if (given == null || given.applicationCodeConfiguration() == null) {
            return null;
        }
        ApplicationCodeConfiguration code = given.applicationCodeConfiguration();
        CodeContent content = code.codeContent();
        if (content == null) {
            return new CodeInput(code.codeContentType(), null, null, null);
        }
        S3ContentLocation s3 = content.s3ContentLocation();
        return new CodeInput(
                code.codeContentType(),
                content.textContent(),
                content.zipFileContent(),
                s3 == null ? null : new ApplicationConfig.S3Location(s3.bucketARN(), s3.fileKey(), s3.objectVersion()));
    }

    /** UpdateApplication's changes other than code, each merged onto what the application has. */
    static UnaryOperator<ApplicationConfig> change(ApplicationConfigurationUpdate update) {
        if (update == null) {
            return UnaryOperator.identity();
        }
        refuse(update.sqlApplicationConfigurationUpdate(), "SqlApplicationConfigurationUpdate");
        refuse(update.vpcConfigurationUpdates(), "VpcConfigurationUpdates");
        refuse(update.zeppelinApplicationConfigurationUpdate(), "ZeppelinApplicationConfigurationUpdate");
        refuse(update.applicationEncryptionConfigurationUpdate(), "ApplicationEncryptionConfigurationUpdate");
        return current -> {
            ApplicationConfig config = current;
            FlinkApplicationConfigurationUpdate flink = update.flinkApplicationConfigurationUpdate();
            if (flink != null && flink.checkpointConfigurationUpdate() != null) {
                CheckpointConfigurationUpdate c = flink.checkpointConfigurationUpdate();
                ApplicationConfig.Checkpointing was = config.checkpointing();
                config = config.withCheckpointing(ApplicationConfig.Checkpointing.of(
                        or(c.configurationTypeUpdate(), was.configurationType()),
                        or(c.checkpointingEnabledUpdate(), was.enabled()),
                        or(c.checkpointIntervalUpdate(), was.intervalMillis()),
                        or(c.minPauseBetweenCheckpointsUpdate(), was.minPauseMillis())));
            }
            if (flink != null && flink.monitoringConfigurationUpdate() != null) {
                MonitoringConfigurationUpdate m = flink.monitoringConfigurationUpdate();
                ApplicationConfig.Monitoring was = config.monitoring();
                config = config.withMonitoring(ApplicationConfig.Monitoring.of(
                        or(m.configurationTypeUpdate(), was.configurationType()),
                        or(m.metricsLevelUpdate(), was.metricsLevel()),
                        or(m.logLevelUpdate(), was.logLevel())));
            }
            if (flink != null && flink.parallelismConfigurationUpdate() != null) {
                ParallelismConfigurationUpdate p = flink.parallelismConfigurationUpdate();
                ApplicationConfig.Parallelism was = config.parallelism();
                config = config.withParallelism(ApplicationConfig.Parallelism.of(
                        or(p.configurationTypeUpdate(), was.configurationType()),
                        or(p.parallelismUpdate(), was.parallelism()),
                        or(p.parallelismPerKPUUpdate(), was.perKpu()),
                        or(p.autoScalingEnabledUpdate(), was.autoScaling())));
            }
            if (update.environmentPropertyUpdates() != null) {
                config = config.withPropertyGroups(groups(update.environmentPropertyUpdates()));
            }
            if (update.applicationSnapshotConfigurationUpdate() != null) {
                config = config.withSnapshotsEnabled(Boolean.TRUE.equals(
                        update.applicationSnapshotConfigurationUpdate().snapshotsEnabledUpdate()));
            }
            if (update.applicationSystemRollbackConfigurationUpdate() != null) {
                config = config.withRollbackEnabled(Boolean.TRUE.equals(
                        update.applicationSystemRollbackConfigurationUpdate().rollbackEnabledUpdate()));
            }
            return config;
        };
    }

    /** The code members of an update (null members keep what the application has), or null for no code change. */
    static CodeInput codeUpdate(ApplicationConfigurationUpdate update) {
        if (update == null || update.applicationCodeConfigurationUpdate() == null) {
            return null;
        }
        ApplicationCodeConfigurationUpdate code = update.applicationCodeConfigurationUpdate();
        CodeContentUpdate content = code.codeContentUpdate();
        if (content == null) {
            return new CodeInput(code.codeContentTypeUpdate(), null, null, null);
        }
        S3ContentLocationUpdate s3 = content.s3ContentLocationUpdate();
        return new CodeInput(
                code.codeContentTypeUpdate(),
                content.textContentUpdate(),
                content.zipFileContentUpdate(),
                s3 == null
                        ? null
                        : new ApplicationConfig.S3Location(
                                s3.bucketARNUpdate(), s3.fileKeyUpdate(), s3.objectVersionUpdate()));
    }

    /** EnvironmentProperties; the same PropertyGroupId twice is refused. */
    private static List<ApplicationConfig.PropertyGroup> groups(EnvironmentProperties properties) {
        List<PropertyGroup> given = properties.propertyGroups() == null ? List.of() : properties.propertyGroups();
        long distinct =
                given.stream().map(PropertyGroup::propertyGroupId).distinct().count();
        if (distinct != given.size()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "PropertyGroupId must be unique within EnvironmentProperties.");
        }
        return given.stream()
                .map(g -> new ApplicationConfig.PropertyGroup(g.propertyGroupId(), g.propertyMap()))
                .toList();
    }

    static ApplicationDetail detail(ApplicationView app) {
        return new ApplicationDetail(
                app.ref().arn(),
                app.description(),
                app.ref().name(),
                app.runtimeEnvironment(),
                app.serviceExecutionRole(),
                app.status().name(),
                app.versionId(),
                app.createdAt(),
                app.updatedAt(),
                describe(app),
                app.versionUpdatedFrom(),
                app.versionRolledBackFrom(),
                app.versionCreatedAt(),
                app.conditionalToken(),
                app.versionRolledBackTo(),
                app.applicationMode());
    }

    private static ApplicationConfigurationDescription describe(ApplicationView app) {
        ApplicationConfig config = app.config();
        ApplicationConfig.Checkpointing c = config.checkpointing();
        ApplicationConfig.Monitoring m = config.monitoring();
        ApplicationConfig.Parallelism p = config.parallelism();
        return new ApplicationConfigurationDescription(
                describe(config.code()),
                new RunConfigurationDescription(
                        new ApplicationRestoreConfiguration(app.runRestoreType(), app.runSnapshotName()),
                        new FlinkRunConfiguration(app.allowNonRestoredState())),
                new FlinkApplicationConfigurationDescription(
                        new CheckpointConfiguration(
                                c.configurationType(), c.enabled(), c.intervalMillis(), c.minPauseMillis()),
                        new MonitoringConfiguration(m.configurationType(), m.metricsLevel(), m.logLevel()),
                        new ParallelismConfigurationDescription(
                                p.configurationType(), p.parallelism(), p.perKpu(), p.parallelism(), p.autoScaling()),
                        null),
                new EnvironmentPropertyDescriptions(config.propertyGroups().stream()
                        .map(g -> new PropertyGroup(g.id(), g.properties()))
                        .toList()),
                new ApplicationSnapshotConfiguration(config.snapshotsEnabled()),
                new ApplicationSystemRollbackConfiguration(config.rollbackEnabled()));
    }

    private static ApplicationCodeConfigurationDescription describe(ApplicationConfig.Code code) {
        if (code == null) {
            return null;
        }
        if (code.isSql()) {
            return new ApplicationCodeConfigurationDescription(
                    code.contentType(), new CodeContentDescription(code.text(), null, code.size(), null));
        }
        ApplicationConfig.S3Location s3 = code.s3();
        return new ApplicationCodeConfigurationDescription(
                code.contentType(),
                new CodeContentDescription(
                        null,
                        code.md5(),
                        code.size(),
                        s3 == null ? null : new S3ContentLocation(s3.bucketArn(), s3.fileKey(), s3.objectVersion())));
    }

    private static void refuse(Object member, String name) {
        if (member != null) {
            throw AwsErrorType.UNSUPPORTED_OPERATION.exception(name + " is not supported: Shardline runs Flink "
                    + "applications, without SQL-1_0 inputs, VPCs, Studio notebooks or customer managed keys.");
        }
    }

    private static <T> T or(T update, T current) {
        return update != null ? update : current;
    }
}
