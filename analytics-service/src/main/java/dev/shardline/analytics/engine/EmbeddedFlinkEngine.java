package dev.shardline.analytics.engine;

import dev.shardline.analytics.connector.ShardlineStreams;
import dev.shardline.analytics.connector.firehose.FirehoseTableFactory;
import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.platform.error.AwsException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.executiongraph.ErrorInfo;
import org.apache.flink.runtime.messages.FlinkJobNotFoundException;
import org.apache.flink.runtime.scheduler.ExecutionGraphInfo;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.SerializedThrowable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs applications in an embedded Flink MiniCluster in this JVM, started with the first job. SQL applications run as
 * one statement set, JAR applications through their main class; both reach the cluster through
 * {@link LocalCluster#executors}. The {@code kinesis} connector of those jobs finds the runtime's streams through
 * {@link ShardlineStreams}, registered here.
 */
@Component
@ConditionalOnExpression("'${shardline.analytics.flink.remote.rest-url:}'.isBlank()")
public class EmbeddedFlinkEngine implements FlinkEngine, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedFlinkEngine.class);
    private static final long STATUS_TIMEOUT_SECONDS = 10;
    private static final long RESTORE_TIMEOUT_SECONDS = 60;

    private final FlinkEngineProperties properties;
    private final LocalCluster cluster;
    private final JobConfigurations configurations;
    private final SqlJobs sql;
    private final JarJobs jars;
    private final String streams;
    /** The firehose connector's endpoint when a table names none: read at each plan, the edge's port comes late. */
    private final Supplier<String> firehoseEndpoint;

    private final JobMetricsReader metricsReader = new JobMetricsReader();

    @Autowired
    public EmbeddedFlinkEngine(
            FlinkEngineProperties properties,
            ObjectProvider<StreamCatalog> catalog,
            ObjectProvider<DataKeys> dataKeys,
            KafkaProperties kafka,
            Environment environment) {
        this(
                properties,
                catalog.getIfAvailable(),
                dataKeys.getIfAvailable(),
                kafkaSettings(kafka),
                () -> edgeUrl(properties, environment));
    }

    /**
     * @param catalog the streams the {@code kinesis} connector reads and writes; null where this runtime has none (the
     *     connector then refuses to plan)
     * @param kafka client settings of the cluster that holds the stream topics
     */
    public EmbeddedFlinkEngine(
            FlinkEngineProperties properties, StreamCatalog catalog, DataKeys dataKeys, Map<String, String> kafka) {
        this(
                properties,
                catalog,
                dataKeys,
                kafka,
                () -> properties.firehoseEndpoint() == null
                        ? null
                        : properties.firehoseEndpoint().toString());
    }

    /**
     * @param firehoseEndpoint the endpoint of the {@code firehose} connector's tables that name no {@code aws.endpoint};
     *     null for none (such tables are then refused)
     */
    public EmbeddedFlinkEngine(
            FlinkEngineProperties properties,
            StreamCatalog catalog,
            DataKeys dataKeys,
            Map<String, String> kafka,
            Supplier<String> firehoseEndpoint) {
        this.firehoseEndpoint = firehoseEndpoint;
        this.properties = properties;
        this.cluster = new LocalCluster(properties);
        this.configurations = new JobConfigurations(properties);
        this.sql = new SqlJobs(cluster.executors(job -> {}));
        this.jars = new JarJobs(properties.workDirectory(), cluster::executors);
        this.streams = catalog == null
                ? null
                : ShardlineStreams.register(new ShardlineStreams.Services(catalog, dataKeys, kafka));
    }

    /** The configured firehose endpoint, else this runtime's own edge once its web server has a port. */
    private static String edgeUrl(FlinkEngineProperties properties, Environment environment) {
        if (properties.firehoseEndpoint() != null) {
            return properties.firehoseEndpoint().toString();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port"));
        return port == null || port.equals("0") ? null : "http://127.0.0.1:" + port;
    }

    static Map<String, String> kafkaSettings(KafkaProperties kafka) {
        Map<String, String> settings = new HashMap<>();
        kafka.buildConsumerProperties().forEach((key, value) -> {
            if (value != null && !(key.startsWith("key.") || key.startsWith("value.") || key.startsWith("group."))) {
                settings.put(
                        key,
                        value instanceof java.util.List<?> list
                                ? String.join(
                                        ",", list.stream().map(String::valueOf).toList())
                                : String.valueOf(value));
            }
        });
        return settings;
    }

    @Override
    public void validate(JobSpec spec) {
        configurations.checkResources(spec);
        Configuration configuration = jobConfiguration(spec);
        if (spec.code() instanceof JobSpec.Sql code) {
            sql.validate(code, configuration);
        } else if (spec.code() instanceof JobSpec.Jar code) {
            jars.validate(code, spec.propertyGroups());
        }
    }

    @Override
    public JobId submit(JobSpec spec) {
        configurations.checkResources(spec);
        spec.restoreFrom().ifPresent(Checkpoints::requireRestorable);
        Configuration configuration = jobConfiguration(spec);
        long start = System.nanoTime();
        cluster.startInBackground();
        JobClient job = spec.code() instanceof JobSpec.Sql code
                ? sql.submit(code, configuration)
                : jars.submit(spec, (JobSpec.Jar) spec.code(), configuration);
        if (spec.restoreFrom().isPresent()) {
            awaitRestored(job, spec.restoreFrom().get());
        }
        log.info(
                "Application {} runs as Flink job {} (submitted in {} ms{})",
                spec.applicationName(),
                job.getJobID(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                spec.restoreFrom().map(s -> ", restored from " + s).orElse(""));
        return new JobId(job.getJobID().toHexString());
    }

    /**
     * Flink restores a job's state while it initialises, after the submission was accepted: a snapshot that does not fit
     * the job (state no operator takes, without {@code allowNonRestoredState}) fails it then. Waiting for that turns
     * the failure into an answer to the call that asked for the restore.
     */
    private void awaitRestored(JobClient job, String snapshot) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESTORE_TIMEOUT_SECONDS);
        try {
            org.apache.flink.api.common.JobStatus state =
                    job.getJobStatus().get(STATUS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            while (state == org.apache.flink.api.common.JobStatus.INITIALIZING && System.nanoTime() < deadline) {
                Thread.sleep(50);
                state = job.getJobStatus().get(STATUS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            if (state == org.apache.flink.api.common.JobStatus.FAILED) {
                JobStatus failed = status(new JobId(job.getJobID().toHexString()));
                throw dev.shardline.platform.error.AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception(
                        "The snapshot " + snapshot + " cannot be restored: "
                                + failed.failure().orElse("the job failed while restoring it"));
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not tell whether job {} restored from {}", job.getJobID(), snapshot, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts an interactive SELECT (the SQL preview) as a job on this engine's cluster; closing the query cancels it.
     *
     * @see InteractiveQuery#start
     */
    public InteractiveQuery query(String sql) {
        return InteractiveQuery.start(cluster, sql, streams);
    }

    /** The spec's Flink configuration, naming this engine's streams for the job's connectors. */
    private Configuration jobConfiguration(JobSpec spec) {
        Configuration configuration = configurations.of(spec);
        if (streams != null) {
            configuration.setString(ShardlineStreams.ENGINE_OPTION, streams);
        }
        String firehose = firehoseEndpoint.get();
        if (firehose != null) {
            configuration.setString(FirehoseTableFactory.DEFAULT_ENDPOINT_OPTION, firehose);
        }
        return configuration;
    }

    @Override
    public JobStatus status(JobId job) {
        InspectableMiniCluster running = cluster.running();
        if (running == null) {
            return lost("The Flink cluster that ran the job is gone");
        }
        try {
            ExecutionGraphInfo info =
                    running.executionGraphInfo(flinkId(job)).get(STATUS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return JobStates.of(info);
        } catch (ExecutionException e) {
            if (ExceptionUtils.findThrowable(e, FlinkJobNotFoundException.class).isPresent()) {
                return lost("Flink does not know the job " + job.value());
            }
            throw new IllegalStateException("Asking Flink for job " + job.value() + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Flink did not answer for job " + job.value() + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public Optional<JobMetrics> metrics(JobId job) {
        InspectableMiniCluster running = cluster.running();
        if (running == null) {
            return Optional.empty();
        }
        try {
            ExecutionGraphInfo info =
                    running.executionGraphInfo(flinkId(job)).get(STATUS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return Optional.of(metricsReader.read(info, cluster.restAddress(), System.currentTimeMillis()));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("Metrics of job {} unavailable: {}", job.value(), e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static JobStatus lost(String why) {
        return new JobStatus(JobStatus.State.FAILED, Optional.of(why), 0);
    }

    @Override
    public CompletableFuture<String> snapshot(JobId job) {
        return withCluster(
                running -> running.triggerSavepoint(flinkId(job), null, false, SavepointFormatType.CANONICAL));
    }

    @Override
    public CompletableFuture<String> stopWithSnapshot(JobId job) {
        return withCluster(
                running -> running.stopWithSavepoint(flinkId(job), null, false, SavepointFormatType.CANONICAL));
    }

    @Override
    public CompletableFuture<Void> cancel(JobId job) {
        return withCluster(running -> running.cancelJob(flinkId(job)).thenApply(ack -> null));
    }

    private <T> CompletableFuture<T> withCluster(
            java.util.function.Function<InspectableMiniCluster, CompletableFuture<T>> action) {
        InspectableMiniCluster running = cluster.running();
        if (running == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("No Flink job runs in this engine"));
        }
        return action.apply(running);
    }

    @Override
    public Optional<String> latestCheckpoint(String checkpointDirectory) {
        return Checkpoints.latest(checkpointDirectory);
    }

    /** The MiniCluster's web UI on the job's page, while the cluster runs and Flink's web module is on the class path. */
    @Override
    public Optional<URI> dashboard(JobId job) {
        URI rest = cluster.restAddress();
        if (rest == null || !properties.dashboard() || !WebUi.available()) {
            return Optional.empty();
        }
        return Optional.of(
                URI.create(rest.toString().replaceAll("/$", "") + "/#/job/running/" + job.value() + "/overview"));
    }

    /** How long the embedded cluster took to start, once it did (for logs and benchmarks). */
    public Optional<java.time.Duration> clusterStartTime() {
        return Optional.ofNullable(cluster.startTime());
    }

    @Override
    public void destroy() {
        cluster.close();
        if (streams != null) {
            ShardlineStreams.unregister(streams);
        }
    }

    private static JobID flinkId(JobId job) {
        try {
            return JobID.fromHexString(job.value());
        } catch (IllegalArgumentException e) {
            throw new AwsException(
                    dev.shardline.platform.error.AwsErrorType.INVALID_ARGUMENT, "Not a Flink job id: " + job.value());
        }
    }

    /** Flink's job states folded to the engine's, with the last failure and the number of restarts. */
    static final class JobStates {

        private JobStates() {}

        static JobStatus of(ExecutionGraphInfo info) {
            org.apache.flink.api.common.JobStatus flink =
                    info.getArchivedExecutionGraph().getState();
            JobStatus.State state = switch (flink) {
                case INITIALIZING, CREATED, RECONCILING -> JobStatus.State.INITIALIZING;
                case RUNNING -> JobStatus.State.RUNNING;
                case RESTARTING, FAILING -> JobStatus.State.RESTARTING;
                case FAILED -> JobStatus.State.FAILED;
                case CANCELLING, CANCELED, SUSPENDED -> JobStatus.State.CANCELED;
                case FINISHED -> JobStatus.State.FINISHED;
            };
            int failures = 0;
            for (var ignored : info.getExceptionHistory()) {
                failures++;
            }
            int restarts = state == JobStatus.State.FAILED ? Math.max(0, failures - 1) : failures;
            ErrorInfo failure = info.getArchivedExecutionGraph().getFailureInfo();
            return new JobStatus(state, Optional.ofNullable(failure).map(f -> rootMessage(f.getException())), restarts);
        }

        /** The message of the innermost cause, as a person would look for it first. */
        static String rootMessage(SerializedThrowable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage();
            return message == null || message.isBlank() ? failure.getOriginalErrorClassName() : message;
        }
    }

    /** Whether Flink's web module (the dashboard) is on the class path. */
    static final class WebUi {
        private static final boolean AVAILABLE =
                EmbeddedFlinkEngine.class.getClassLoader().getResource("web/index.html") != null;

        private WebUi() {}

        static boolean available() {
            return AVAILABLE;
        }
    }
}
