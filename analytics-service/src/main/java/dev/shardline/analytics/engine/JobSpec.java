package dev.shardline.analytics.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One application run as the engine sees it.
 *
 * @param applicationName the application's name (the Flink job's name)
 * @param accountId the application's account: streams named in its connectors are looked up there
 * @param region the application's region
 * @param code what runs
 * @param propertyGroups the application's {@code EnvironmentProperties}: property group id to its properties, as
 *     {@code KinesisAnalyticsRuntime.getApplicationProperties()} returns them to a job
 * @param parallelism the job's default parallelism
 * @param checkpointing whether and how often the job checkpoints
 * @param checkpointDirectory where the job's checkpoints go (a {@code file:} or {@code s3:} URI), one per application
 * @param restoreFrom the snapshot or checkpoint location to restore from, if any
 * @param allowNonRestoredState whether state in the snapshot that no operator takes may be dropped
 */
public record JobSpec(
        String applicationName,
        String accountId,
        String region,
        Code code,
        Map<String, Map<String, String>> propertyGroups,
        int parallelism,
        Checkpointing checkpointing,
        String checkpointDirectory,
        Optional<String> restoreFrom,
        boolean allowNonRestoredState) {

    public JobSpec {
        propertyGroups = Map.copyOf(propertyGroups);
    }

    /** The application's code. */
    public sealed interface Code {}

    /** Flink SQL ({@code CodeContentType} PLAINTEXT): {@code CREATE TABLE} statements and then {@code INSERT INTO}. */
    public record Sql(String statements) implements Code {}

    /** A Flink job JAR ({@code ZIPFILE} or an S3 object), on the local disk; its main class runs the job. */
    public record Jar(Path file) implements Code {}

    /**
     * {@code FlinkApplicationConfiguration.CheckpointConfiguration} as it applies.
     *
     * @param enabled whether the job checkpoints at all
     * @param interval time between checkpoints
     * @param minPause least time between the end of one checkpoint and the start of the next
     */
    public record Checkpointing(boolean enabled, Duration interval, Duration minPause) {}
}
