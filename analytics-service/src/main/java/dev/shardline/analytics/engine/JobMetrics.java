package dev.shardline.analytics.engine;

/**
 * A job's numbers under the names Managed Service for Apache Flink publishes at its Application level, as Flink keeps
 * them.
 *
 * @param numRecordsInPerSecond records per second the job's sources read (summed over their subtasks)
 * @param numRecordsOutPerSecond records per second the job's sinks emitted (summed over their subtasks)
 * @param lastCheckpointDuration milliseconds the newest completed checkpoint took, {@code -1} before the first one
 * @param lastCheckpointSize bytes the newest completed checkpoint wrote, {@code -1} before the first one
 * @param numberOfFailedCheckpoints checkpoints that failed since the job was submitted
 * @param uptime milliseconds the job has been running without interruption; {@code 0} while it is not running yet or
 *     restarting, {@code -1} once it ended
 * @param downtime milliseconds of the current outage (failing or restarting); {@code 0} while running, {@code -1} once
 *     it ended
 * @param fullRestarts times the job was restarted since it was submitted
 * @param millisBehindLatest how far the job's {@code kinesis} sources are behind the tip of their shards, in
 *     milliseconds (the largest over their readers); {@code -1} when the job has no such source or none read yet
 */
public record JobMetrics(
        double numRecordsInPerSecond,
        double numRecordsOutPerSecond,
        long lastCheckpointDuration,
        long lastCheckpointSize,
        long numberOfFailedCheckpoints,
        long uptime,
        long downtime,
        long fullRestarts,
        long millisBehindLatest) {}
