package dev.shardline.analytics.engine;

import java.util.Optional;

/**
 * How a job is doing.
 *
 * @param state the job's state
 * @param failure why the job failed or last restarted (the root cause's message), if it did
 * @param restarts how many times Flink's restart strategy restarted the job
 */
public record JobStatus(State state, Optional<String> failure, int restarts) {

    /** Flink's job states, folded to what the control plane tells apart. */
    public enum State {
        /** Accepted, tasks being deployed. */
        INITIALIZING,
        RUNNING,
        /** Failed and being restarted by the restart strategy. */
        RESTARTING,
        /** Failed for good (restarts exhausted, or the engine lost it). */
        FAILED,
        CANCELED,
        /** Ended on its own (a bounded job). */
        FINISHED
    }
}
