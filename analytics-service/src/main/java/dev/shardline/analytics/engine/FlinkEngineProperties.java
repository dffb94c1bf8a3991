package dev.shardline.analytics.engine;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The Flink engine ({@code shardline.analytics.flink.*}): how big the embedded MiniCluster that runs every application
 * may grow and how jobs restart, or the Flink session cluster that runs them instead ({@code remote}).
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
 * @param firehoseEndpoint where the {@code firehose} connector sends PutRecordBatch when a table names no
 *     {@code aws.endpoint}; unset, this runtime's own edge ({@code http://127.0.0.1:<server port>})
 * @param remote a Flink session cluster that runs the applications instead of the embedded MiniCluster; unset (the
 *     default) runs them embedded
 * @param pluginsDirectory Flink's plugins directory, laid out as in Flink's distribution
 *     ({@code <dir>/s3-fs-hadoop/flink-s3-fs-hadoop-2.2.0.jar}): file systems found there are loaded in class loaders
 *     of their own, so that {@code s3://} checkpoint and snapshot locations work; unset, Flink's own
 *     {@code FLINK_PLUGINS_DIR} environment variable, else none
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
        @DefaultValue("0") @Min(0) int restPort,
        URI firehoseEndpoint,
        @Valid Remote remote,
        Path pluginsDirectory) {

    @ConstructorBinding
    public FlinkEngineProperties {
        if (workDirectory == null) {
            workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "shardline-flink");
        }
    }

    /** The embedded engine's settings, no remote cluster. */
    public FlinkEngineProperties(
            int taskSlots,
            int maxParallelism,
            DataSize managedMemory,
            DataSize networkMemory,
            int restartAttempts,
            Duration restartDelay,
            Path workDirectory,
            boolean dashboard,
            String restBindAddress,
            int restPort) {
        this(
                taskSlots,
                maxParallelism,
                managedMemory,
                networkMemory,
                restartAttempts,
                restartDelay,
                workDirectory,
                dashboard,
                restBindAddress,
                restPort,
                null,
                null,
                null);
    }

    /**
     * A Flink session cluster ({@code shardline.analytics.flink.remote.*}).
     *
     * @param restUrl its JobManager's REST endpoint, e.g. {@code http://flink-jobmanager:8081}
     * @param timeout how long one call to it (a submission with its JAR upload, a savepoint trigger) may take
     */
    public record Remote(
            @NotNull URI restUrl, @DefaultValue("60s") Duration timeout) {}
}
