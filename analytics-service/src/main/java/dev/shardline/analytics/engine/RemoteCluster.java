package dev.shardline.analytics.engine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.ClusterClientJobClientAdapter;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A Flink session cluster reached through its REST API with Flink's own {@link RestClusterClient}. Pipelines built in
 * this JVM (a SQL statement set, a JAR's main) reach it through {@link #executors}, which submits their stream graph
 * with the JARs the job needs uploaded beside it, as Flink's remote executor does.
 */
final class RemoteCluster implements AutoCloseable {

    private final URI restUrl;
    private final Duration timeout;
    private RestClusterClient<String> client;

    RemoteCluster(URI restUrl, Duration timeout) {
        this.restUrl = restUrl;
        this.timeout = timeout;
    }

    private RestClusterClient<String> newClient() throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.ADDRESS, restUrl.getHost());
        configuration.set(RestOptions.PORT, restUrl.getPort() < 0 ? 8081 : restUrl.getPort());
        if (restUrl.getPath() != null && !restUrl.getPath().isBlank() && !"/".equals(restUrl.getPath())) {
            configuration.set(RestOptions.PATH, restUrl.getPath());
        }
        // A cluster that is down answers the control plane within a few seconds, not after Flink's default 20 tries.
        configuration.set(RestOptions.RETRY_MAX_ATTEMPTS, 2);
        configuration.set(RestOptions.RETRY_DELAY, Duration.ofMillis(500));
        configuration.set(RestOptions.AWAIT_LEADER_TIMEOUT, timeout);
        return new RestClusterClient<>(configuration, "shardline");
    }

    /**
     * The client, made at first use: Flink's client resolves the host when it is made, and the service should start
     * while the cluster (or its DNS name) is not up yet.
     */
    synchronized RestClusterClient<String> client() {
        if (client == null) {
            try {
                client = newClient();
            } catch (Exception e) {
                throw new IllegalStateException("No REST client for the Flink cluster at " + restUrl, e);
            }
        }
        return client;
    }

    URI restUrl() {
        return restUrl;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Executors that submit each pipeline to this cluster with {@code jars} of its configuration uploaded as its user
     * JARs (beside those the configuration names itself), and tell {@code submitted} each job they submit.
     */
    PipelineExecutorServiceLoader executors(Function<Configuration, List<Path>> jars, Consumer<JobClient> submitted) {
        PipelineExecutor executor = (pipeline, configuration, classLoader) -> {
            StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
            for (Path jar : jars.apply(configuration)) {
                graph.addJar(new org.apache.flink.core.fs.Path(jar.toUri()));
            }
            graph.serializeUserDefinedInstances();
            JobID id = client().submitJob(graph).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // The adapter closes the client it is given after each call: a client of its own each time.
            JobClient job = new ClusterClientJobClientAdapter<>(
                    () -> {
                        try {
                            return newClient();
                        } catch (Exception e) {
                            throw new IllegalStateException("No REST client for " + restUrl, e);
                        }
                    },
                    id,
                    classLoader);
            submitted.accept(job);
            return CompletableFuture.completedFuture(job);
        };
        return LocalCluster.executorLoader(executor);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
