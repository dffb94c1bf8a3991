package dev.shardline.analytics.engine;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.deployment.ClusterClientJobClientAdapter;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.client.program.MiniClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MiniCluster: one JobManager and one TaskManager with bounded slots and memory, started with the first
 * job (a runtime that runs no application pays nothing for Flink) and closed with the engine. Pipelines built in this
 * JVM (a SQL statement set, a JAR's main) reach it through {@link #executors()}, which submits their stream graph
 * straight to the cluster, as Flink's own local executor does with a cluster of its own per job.
 */
final class LocalCluster implements AutoCloseable {

    static final String EXECUTOR_NAME = "shardline-embedded";

    private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

    private final FlinkEngineProperties properties;
    private InspectableMiniCluster cluster;
    private MiniClusterClient client;
    private Duration startTime;

    LocalCluster(FlinkEngineProperties properties) {
        this.properties = properties;
    }

    /** The cluster, started now if it is not running yet. */
    synchronized InspectableMiniCluster started() {
        if (cluster == null) {
            long start = System.nanoTime();
            Configuration configuration = clusterConfiguration();
            InspectableMiniCluster starting = new InspectableMiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(configuration)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(properties.taskSlots())
                    .build());
            try {
                starting.start();
            } catch (Exception e) {
                starting.closeAsync();
                throw new IllegalStateException("The embedded Flink cluster did not start: " + e.getMessage(), e);
            }
            cluster = starting;
            client = new MiniClusterClient(configuration, starting);
            startTime = Duration.ofNanos(System.nanoTime() - start);
            log.info(
                    "Embedded Flink cluster started in {} ms with {} task slots, REST at {}",
                    startTime.toMillis(),
                    properties.taskSlots(),
                    restAddress());
        }
        return cluster;
    }

    /**
     * Starts the cluster in the background unless it runs, so that its start overlaps with planning the first job
     * (the SQL planner's first load takes seconds too); {@link #started()} waits for it.
     */
    void startInBackground() {
        if (running() == null) {
            Thread starter = new Thread(
                    () -> {
                        try {
                            started();
                        } catch (RuntimeException e) {
                            log.warn("Starting the embedded Flink cluster failed; the next job tries again", e);
                        }
                    },
                    "flink-cluster-start");
            starter.setDaemon(true);
            starter.start();
        }
    }

    /** The running cluster, if it was started. */
    synchronized InspectableMiniCluster running() {
        return cluster;
    }

    /** How long the cluster took to start, once it did. */
    synchronized Duration startTime() {
        return startTime;
    }

    synchronized URI restAddress() {
        return cluster == null ? null : cluster.getRestAddress().join();
    }

    private Configuration clusterConfiguration() {
        Configuration configuration = new Configuration();
        configuration.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, bytes(properties.managedMemory()));
        configuration.set(TaskManagerOptions.NETWORK_MEMORY_MIN, bytes(properties.networkMemory()));
        configuration.set(TaskManagerOptions.NETWORK_MEMORY_MAX, bytes(properties.networkMemory()));
        configuration.set(RestOptions.BIND_ADDRESS, properties.restBindAddress());
        configuration.set(RestOptions.ADDRESS, properties.restBindAddress());
        configuration.set(RestOptions.BIND_PORT, String.valueOf(properties.restPort()));
        // The dashboard shows jobs; JARs are submitted through the AWS API, never through the web UI.
        configuration.set(WebOptions.SUBMIT_ENABLE, false);
        configuration.set(WebOptions.MAX_EXCEPTION_HISTORY_SIZE, 1000);
        return configuration;
    }

    private static MemorySize bytes(org.springframework.util.unit.DataSize size) {
        return new MemorySize(size.toBytes());
    }

    /**
     * Executors for {@code execution.target = shardline-embedded}: submit to this cluster, starting it if need be, and
     * tell {@code submitted} each job they submit.
     */
    PipelineExecutorServiceLoader executors(Consumer<JobClient> submitted) {
        PipelineExecutor executor = (pipeline, configuration, classLoader) -> {
            CompletableFuture<JobClient> job = execute(pipeline, configuration, classLoader);
            submitted.accept(job.join());
            return job;
        };
        return executorLoader(executor);
    }

    /**
     * The one executor Flink finds for {@code execution.target = shardline-embedded}, whichever cluster it submits to
     * (this one, or a remote session cluster).
     */
    static PipelineExecutorServiceLoader executorLoader(PipelineExecutor executor) {
        PipelineExecutorFactory factory = new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return EXECUTOR_NAME;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
                return true;
            }

            @Override
            public PipelineExecutor getExecutor(Configuration configuration) {
                return executor;
            }
        };
        return new PipelineExecutorServiceLoader() {
            @Override
            public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
                return factory;
            }

            @Override
            public Stream<String> getExecutorNames() {
                return Stream.of(EXECUTOR_NAME);
            }
        };
    }

    private CompletableFuture<JobClient> execute(
            Pipeline pipeline, Configuration configuration, ClassLoader classLoader) throws Exception {
        started();
        // As Flink's LocalExecutor: jars, classpaths and the savepoint to restore come from the configuration.
        StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
        if (graph.getUserJars().isEmpty() && graph.getClasspaths().isEmpty() && !FLINK_ON_SYSTEM_CLASS_PATH) {
            // A job without jars is loaded by the JVM's system class loader, which in a Spring Boot fat jar
            // (java -jar shardline-local.jar) sees none of Flink: one (empty) class path entry makes Flink load it
            // with a class loader under its own, which sees everything the runtime does.
            graph.setClasspath(List.of(emptyClassPathEntry()));
        }
        graph.serializeUserDefinedInstances();
        MiniClusterClient submitter = client();
        JobID id = submitter.submitJob(graph).get(60, TimeUnit.SECONDS);
        return CompletableFuture.completedFuture(new ClusterClientJobClientAdapter<>(() -> submitter, id, classLoader));
    }

    private static final boolean FLINK_ON_SYSTEM_CLASS_PATH =
            ClassLoader.getSystemClassLoader().getResource("org/apache/flink/streaming/api/graph/StreamGraph.class")
                    != null;

    private static URL emptyClassPathEntry() throws java.io.IOException {
        return Files.createTempDirectory("flink-job-classpath").toUri().toURL();
    }

    private synchronized MiniClusterClient client() {
        return client;
    }

    @Override
    public synchronized void close() {
        if (cluster != null) {
            try {
                cluster.closeAsync().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("The embedded Flink cluster did not close cleanly", e);
            }
            cluster = null;
            client = null;
        }
    }
}
