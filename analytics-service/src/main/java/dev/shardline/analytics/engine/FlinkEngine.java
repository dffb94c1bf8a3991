package dev.shardline.analytics.engine;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the control plane asks of Flink: check an application's code, run it as one job, snapshot it, stop it and say
 * how it is doing. One implementation runs jobs in an embedded MiniCluster (started with the first job, not with the
 * runtime), another on a Flink session cluster through Flink's REST API.
 */
public interface FlinkEngine {

    /**
     * Checks an application's code before it is accepted (CreateApplication, UpdateApplication, StartApplication):
     * Flink SQL parses and plans against the connectors; a JAR has a runnable main class.
     *
     * @throws dev.shardline.platform.error.AwsException {@code CodeValidationException} for code that does not parse,
     *     plan or load, {@code ResourceNotFoundException} for an unknown stream named in a connector,
     *     {@code InvalidApplicationConfigurationException} for a parallelism beyond the engine's maximum, each with
     *     the engine's own message
     */
    void validate(JobSpec spec);

    /**
     * Submits the application's job and returns once Flink has accepted it (it may still be initialising); restores
     * from {@link JobSpec#restoreFrom()} when that is present.
     *
     * @throws dev.shardline.platform.error.AwsException as {@link #validate}, and for a snapshot that cannot be
     *     restored
     */
    JobId submit(JobSpec spec);

    /** The job's state now, with its failure cause and its restart count; a job the engine no longer knows is FAILED. */
    JobStatus status(JobId job);

    /** Takes a snapshot (a Flink savepoint) of a running job; completes with the snapshot's location. */
    CompletableFuture<String> snapshot(JobId job);

    /** Stops a job with a final snapshot (StopApplication with snapshots enabled); completes with its location. */
    CompletableFuture<String> stopWithSnapshot(JobId job);

    /** Cancels a job without a snapshot (StopApplication with {@code Force}, or with snapshots disabled). */
    CompletableFuture<Void> cancel(JobId job);

    /**
     * The newest complete checkpoint under an application's checkpoint directory ({@link JobSpec#checkpointDirectory()}),
     * kept by jobs that failed, were cancelled or died with the process: what a restart after {@code kill -9} resumes
     * from.
     */
    Optional<String> latestCheckpoint(String checkpointDirectory);

    /**
     * The job's metrics (records in and out, checkpoints, uptime, restarts) as Flink keeps them, for the control plane's
     * meters; empty when the engine cannot tell (the job or the cluster is gone).
     */
    default Optional<JobMetrics> metrics(JobId job) {
        return Optional.empty();
    }

    /** The Flink web UI showing the job, for CreateApplicationPresignedUrl ({@code FLINK_DASHBOARD_URL}). */
    Optional<URI> dashboard(JobId job);
}
