package dev.shardline.analytics.engine;

import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded Flink engine ({@code shardline.analytics.flink.*}): how big the MiniCluster that runs every application
 * may grow, and how jobs restart.
 *
 * @param taskSlots task slots of the one embedded TaskManager: the sum of the parallelism of all running jobs (a
 *     slot-sharing job of parallelism N takes N slots)
 * @param maxParallelism the largest parallelism an application may ask for; more is refused as
 *     {@code InvalidApplicationConfigurationException}
 * @param managedMemory managed memory of the TaskManager (RocksDB, batch sorts, Python)
 * @param networkMemory network buffer memory of the TaskManager
 * @param restartAttempts how often a failed job is restarted before it is FAILED for good
 * @param restartDelay the pause before each restart
 * @param workDirectory where the engine keeps what a job needs on disk (the property groups of a JAR application);
 *     {@code shardline-flink} in the JVM's temporary directory unless set
 * @param dashboard whether the MiniCluster serves Flink's web UI (its REST port serves the API in any case)
 * @param restBindAddress the address the MiniCluster's REST endpoint (and web UI) binds to
 * @param restPort the REST endpoint's port; 0 picks a free one
 */
@Validated
@ConfigurationProperties("shardline.analytics.flink")
public record FlinkEngineProperties(
        @DefaultValue("8") @Min(1) int taskSlots,
        @DefaultValue("4") @Min(1) int maxParallelism,
        @DefaultValue("256MB") DataSize managedMemory,
        @DefaultValue("64MB") DataSize networkMemory,
        @DefaultValue("3") @Min(0) int restartAttempts,
        @DefaultValue("2s") Duration restartDelay,
        Path workDirectory,
        @DefaultValue("true") boolean dashboard,
        @DefaultValue("localhost") String restBindAddress,
        @DefaultValue("0") @Min(0) int restPort) {

    public FlinkEngineProperties {
        if (workDirectory == null) {
            workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "shardline-flink");
        }
    }
}
