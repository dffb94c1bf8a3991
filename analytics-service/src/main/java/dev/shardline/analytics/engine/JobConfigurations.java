package dev.shardline.analytics.engine;

import dev.shardline.platform.error.AwsErrorType;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;

/** A {@link JobSpec} as the Flink configuration its job is built and submitted with. */
final class JobConfigurations {

    private final FlinkEngineProperties properties;

    JobConfigurations(FlinkEngineProperties properties) {
        this.properties = properties;
    }

    /** Refuses a parallelism the engine cannot give, as AWS refuses one beyond the account's KPUs. */
    void checkResources(JobSpec spec) {
        if (spec.parallelism() < 1 || spec.parallelism() > properties.maxParallelism()) {
            throw AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception("Parallelism " + spec.parallelism()
                    + " is not between 1 and the engine's maximum of " + properties.maxParallelism()
                    + " (shardline.analytics.flink.max-parallelism)");
        }
    }

    Configuration of(JobSpec spec) {
        Configuration configuration = new Configuration();
        configuration.set(DeploymentOptions.TARGET, LocalCluster.EXECUTOR_NAME);
        configuration.set(DeploymentOptions.ATTACHED, false);
        configuration.set(PipelineOptions.NAME, spec.applicationName());
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, spec.parallelism());
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, properties.restartAttempts());
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, properties.restartDelay());
        configuration.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, spec.checkpointDirectory());
        configuration.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepointDirectory(spec.checkpointDirectory()));
        JobSpec.Checkpointing checkpointing = spec.checkpointing();
        if (checkpointing.enabled()) {
            configuration.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, atLeast(checkpointing.interval()));
            configuration.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, checkpointing.minPause());
            // Kept when the job is cancelled or fails for good, and found after kill -9: what a restart resumes from.
            configuration.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        spec.restoreFrom().ifPresent(location -> {
            configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, location);
            configuration.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, spec.allowNonRestoredState());
        });
        return configuration;
    }

    /** Snapshots (savepoints) of an application sit beside its checkpoints. */
    static String savepointDirectory(String checkpointDirectory) {
        String base = checkpointDirectory.endsWith("/")
                ? checkpointDirectory.substring(0, checkpointDirectory.length() - 1)
                : checkpointDirectory;
        return base + "-snapshots";
    }

    private static Duration atLeast(Duration interval) {
        // Flink refuses intervals under 10 ms.
        return interval.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : interval;
    }
}
