package dev.shardline.analytics.engine;

import dev.shardline.analytics.connector.ShardlineStreams;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobExceptionsHeaders;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;
import org.apache.flink.runtime.rest.util.RestClientException;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Runs applications on a Flink session cluster through its REST API ({@code shardline.analytics.flink.remote.rest-url}),
 * with Flink's {@code RestClusterClient}. SQL is planned here, as the embedded engine plans it, and its stream graph is
 * submitted with the JARs the {@code kinesis} connector needs on the cluster ({@link ConnectorJars}) and the streams it
 * reads and writes ({@link ShippedStreams}). JAR applications are refused for now.
 */
@Component
@ConditionalOnProperty(prefix = "shardline.analytics.flink.remote", name = "rest-url")
public class RemoteFlinkEngine implements FlinkEngine, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RemoteFlinkEngine.class);
    private static final long RESTORE_TIMEOUT_SECONDS = 60;

    private final FlinkEngineProperties properties;
    private final RemoteCluster cluster;
    private final JobConfigurations configurations;
    private final SqlJobs sql;
    private final StreamCatalog catalog;
    private final Map<String, String> kafka;
    private final ConnectorJars connectorJars;
    private final Map<String, ShippedStreams.Planning> planning = new ConcurrentHashMap<>();
    /**
     * Where each job's snapshots go: the REST API takes a savepoint's directory with the request (or the cluster's
     * {@code execution.checkpointing.savepoint-dir}), not from the job's configuration as the embedded cluster does.
     */
    private final Map<JobId, String> savepointDirectories = new ConcurrentHashMap<>();

    private final JobMetricsReader metricsReader = new JobMetricsReader();

    @Autowired
    public RemoteFlinkEngine(
            FlinkEngineProperties properties, ObjectProvider<StreamCatalog> catalog, KafkaProperties kafka) {
        this(properties, catalog.getIfAvailable(), EmbeddedFlinkEngine.kafkaSettings(kafka));
    }

    /**
     * @param catalog the streams the {@code kinesis} connector reads and writes; null where this runtime has none
     * @param kafka client settings of the cluster that holds the stream topics, as the TaskManagers reach it
     */
    public RemoteFlinkEngine(FlinkEngineProperties properties, StreamCatalog catalog, Map<String, String> kafka) {
        if (properties.remote() == null) {
            throw new IllegalArgumentException("shardline.analytics.flink.remote.rest-url is not set");
        }
        this.properties = properties;
        this.cluster = new RemoteCluster(
                properties.remote().restUrl(), properties.remote().timeout());
        this.configurations = new JobConfigurations(properties);
        this.catalog = catalog;
        this.kafka = Map.copyOf(kafka);
        Path work = properties.workDirectory().resolve("remote");
        this.connectorJars = new ConnectorJars(work.resolve("connector"));
        this.sql = new SqlJobs(cluster.executors(configuration -> jobJars(configuration, work), job -> {}));
    }

    /** The connector's JARs, and the streams of the job that {@code configuration} plans. */
    private List<Path> jobJars(Configuration configuration, Path work) {
        List<Path> all = new ArrayList<>(connectorJars.jars());
        String id = configuration.getString(ShardlineStreams.ENGINE_OPTION, null);
        ShippedStreams.Planning planned = id == null ? null : planning.get(id);
        if (planned != null) {
            all.add(planned.jar(work.resolve("jobs")));
        }
        return all;
    }

    @Override
    public void validate(JobSpec spec) {
        configurations.checkResources(spec);
        JobSpec.Sql code = sqlOnly(spec);
        try (Planned planned = plan(spec)) {
            sql.validate(code, planned.configuration());
        }
    }

    @Override
    public JobId submit(JobSpec spec) {
        configurations.checkResources(spec);
        spec.restoreFrom().ifPresent(Checkpoints::requireRestorable);
        long start = System.nanoTime();
        JobSpec.Sql code = sqlOnly(spec);
        JobClient job;
        try (Planned planned = plan(spec)) {
            job = sql.submit(code, planned.configuration());
        }
        JobId id = new JobId(job.getJobID().toHexString());
        savepointDirectories.put(id, JobConfigurations.savepointDirectory(spec.checkpointDirectory()));
        if (spec.restoreFrom().isPresent()) {
            awaitRestored(id, spec.restoreFrom().get());
        }
        log.info(
                "Application {} runs as Flink job {} on {} (submitted in {} ms{})",
                spec.applicationName(),
                id.value(),
                cluster.restUrl(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                spec.restoreFrom().map(s -> ", restored from " + s).orElse(""));
        return id;
    }

    /**
     * JAR applications are not run remotely yet: their property groups file and the libraries under the JAR's
     * {@code lib/} are given to Flink as paths on this machine, which a TaskManager elsewhere does not have.
     */
    private static JobSpec.Sql sqlOnly(JobSpec spec) {
        if (spec.code() instanceof JobSpec.Sql code) {
            return code;
        }
        throw AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception(
                "JAR applications do not run on a remote Flink cluster yet (shardline.analytics.flink.remote.rest-url"
                        + " is set): only Flink SQL applications do");
    }

    /** The spec's configuration, its connectors' streams recorded while it is planned (and shipped if submitted). */
    private Planned plan(JobSpec spec) {
        Configuration configuration = configurations.of(spec);
        if (catalog == null) {
            return new Planned(configuration, null);
        }
        ShippedStreams.Planning streams = new ShippedStreams.Planning(catalog, kafka);
        planning.put(streams.id(), streams);
        configuration.setString(ShardlineStreams.ENGINE_OPTION, streams.id());
        return new Planned(configuration, streams);
    }

    private final class Planned implements AutoCloseable {
        private final Configuration configuration;
        private final ShippedStreams.Planning streams;

        Planned(Configuration configuration, ShippedStreams.Planning streams) {
            this.configuration = configuration;
            this.streams = streams;
        }

        Configuration configuration() {
            return configuration;
        }

        @Override
        public void close() {
            if (streams != null) {
                planning.remove(streams.id());
                streams.close();
            }
        }
    }

    /** As the embedded engine: a snapshot that does not fit fails the job while it initialises; that is the answer. */
    private void awaitRestored(JobId job, String snapshot) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESTORE_TIMEOUT_SECONDS);
        try {
            JobStatus status = status(job);
            while (status.state() == JobStatus.State.INITIALIZING && System.nanoTime() < deadline) {
                Thread.sleep(100);
                status = status(job);
            }
            if (status.state() == JobStatus.State.FAILED) {
                throw AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception("The snapshot " + snapshot
                        + " cannot be restored: " + status.failure().orElse("the job failed while restoring it"));
            }
        } catch (IllegalStateException e) {
            log.warn("Could not tell whether job {} restored from {}", job.value(), snapshot, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public JobStatus status(JobId job) {
        Optional<JobDetailsInfo> details = details(job);
        if (details.isEmpty()) {
            return new JobStatus(
                    JobStatus.State.FAILED,
                    Optional.of("The Flink cluster at " + cluster.restUrl() + " does not know the job " + job.value()),
                    0);
        }
        JobStatus.State state = state(details.get().getJobStatus());
        List<JobExceptionsInfoWithHistory.RootExceptionInfo> failures = failures(job);
        int restarts = state == JobStatus.State.FAILED ? Math.max(0, failures.size() - 1) : failures.size();
        Optional<String> failure = failures.stream()
                .max(java.util.Comparator.comparingLong(JobExceptionsInfoWithHistory.ExceptionInfo::getTimestamp))
                .map(last -> rootMessage(last.getStacktrace(), last.getExceptionName()));
        return new JobStatus(state, failure, restarts);
    }

    @Override
    public Optional<JobMetrics> metrics(JobId job) {
        try {
            Optional<JobDetailsInfo> found = details(job);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            JobDetailsInfo details = found.get();
            org.apache.flink.api.common.JobStatus state = details.getJobStatus();
            JobMessageParameters parameters = new JobMessageParameters();
            parameters.jobPathParameter.resolve(flinkId(job));
            CheckpointingStatistics checkpoints = await(cluster.client()
                    .sendRequest(
                            CheckpointingStatisticsHeaders.getInstance(), parameters, EmptyRequestBody.getInstance()));
            CheckpointStatistics.CompletedCheckpointStatistics last =
                    checkpoints.getLatestCheckpoints().getCompletedCheckpointStatistics();
            double[] rates = state == org.apache.flink.api.common.JobStatus.RUNNING
                    ? metricsReader.recordRates(cluster.restUrl(), job.value())
                    : new double[] {0, 0, -1};
            return Optional.of(new JobMetrics(
                    rates[0],
                    rates[1],
                    last == null ? -1 : last.getLatestAckTimestamp() - last.getTriggerTimestamp(),
                    last == null ? -1 : last.getCheckpointedSize(),
                    checkpoints.getCounts().getNumberFailedCheckpoints(),
                    uptime(details),
                    downtime(details),
                    status(job).restarts(),
                    (long) rates[2]));
        } catch (RuntimeException e) {
            log.debug("Metrics of job {} unavailable: {}", job.value(), e.getMessage());
            return Optional.empty();
        }
    }

    /** As Flink's {@code uptime} gauge, on the JobManager's clock. */
    private static long uptime(JobDetailsInfo details) {
        org.apache.flink.api.common.JobStatus state = details.getJobStatus();
        if (state == org.apache.flink.api.common.JobStatus.RUNNING) {
            return Math.max(0, details.getNow() - details.getTimestamps().getOrDefault(state, details.getNow()));
        }
        return state.isGloballyTerminalState() ? -1 : 0;
    }

    /** As Flink's {@code downtime} gauge, on the JobManager's clock. */
    private static long downtime(JobDetailsInfo details) {
        org.apache.flink.api.common.JobStatus state = details.getJobStatus();
        if (state == org.apache.flink.api.common.JobStatus.FAILING
                || state == org.apache.flink.api.common.JobStatus.RESTARTING) {
            long failing = details.getTimestamps().getOrDefault(org.apache.flink.api.common.JobStatus.FAILING, 0L);
            long since = failing > 0 ? failing : details.getTimestamps().getOrDefault(state, details.getNow());
            return Math.max(0, details.getNow() - since);
        }
        return state.isGloballyTerminalState() ? -1 : 0;
    }

    /** The job's details; empty when the cluster does not know it. */
    private Optional<JobDetailsInfo> details(JobId job) {
        try {
            return Optional.of(cluster.client()
                    .getJobDetails(flinkId(job))
                    .get(cluster.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (ExceptionUtils.findThrowable(e, RestClientException.class)
                    .filter(rest -> rest.getHttpResponseStatus().equals(HttpResponseStatus.NOT_FOUND))
                    .isPresent()) {
                return Optional.empty();
            }
            throw new IllegalStateException(
                    "Asking the Flink cluster at " + cluster.restUrl() + " for job " + job.value() + " failed",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The Flink cluster did not answer for job " + job.value() + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The job's exception history: one entry per failure, the newest first. */
    private List<JobExceptionsInfoWithHistory.RootExceptionInfo> failures(JobId job) {
        JobExceptionsMessageParameters parameters = new JobExceptionsMessageParameters();
        parameters.jobPathParameter.resolve(flinkId(job));
        return await(cluster.client()
                        .sendRequest(JobExceptionsHeaders.getInstance(), parameters, EmptyRequestBody.getInstance()))
                .getExceptionHistory()
                .getEntries();
    }

    private <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get(cluster.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "The Flink cluster at " + cluster.restUrl() + " failed a call", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The Flink cluster at " + cluster.restUrl() + " did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static JobStatus.State state(org.apache.flink.api.common.JobStatus flink) {
        return switch (flink) {
            case INITIALIZING, CREATED, RECONCILING -> JobStatus.State.INITIALIZING;
            case RUNNING -> JobStatus.State.RUNNING;
            case RESTARTING, FAILING -> JobStatus.State.RESTARTING;
            case FAILED -> JobStatus.State.FAILED;
            case CANCELLING, CANCELED, SUSPENDED -> JobStatus.State.CANCELED;
            case FINISHED -> JobStatus.State.FINISHED;
        };
    }

    /**
     * The message of the innermost cause in a stack trace as the REST API renders it (the last {@code Caused by:}), as
     * the embedded engine reports the innermost cause's message.
     */
    static String rootMessage(String stacktrace, String exceptionName) {
        if (stacktrace == null || stacktrace.isBlank()) {
            return exceptionName;
        }
        String root = stacktrace.lines().findFirst().orElse("");
        for (String line : (Iterable<String>) stacktrace.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                root = line.substring("Caused by: ".length());
            }
        }
        int colon = root.indexOf(": ");
        String message = colon < 0 ? "" : root.substring(colon + 2).strip();
        return message.isEmpty() ? (colon < 0 ? root.strip() : root.substring(0, colon)) : message;
    }

    @Override
    public CompletableFuture<String> snapshot(JobId job) {
        return cluster.client()
                .triggerSavepoint(flinkId(job), savepointDirectories.get(job), SavepointFormatType.CANONICAL);
    }

    @Override
    public CompletableFuture<String> stopWithSnapshot(JobId job) {
        return cluster.client()
                .stopWithSavepoint(flinkId(job), false, savepointDirectories.get(job), SavepointFormatType.CANONICAL)
                .thenApply(location -> {
                    savepointDirectories.remove(job);
                    return location;
                });
    }

    @Override
    public CompletableFuture<Void> cancel(JobId job) {
        return cluster.client().cancel(flinkId(job)).thenApply(ack -> {
            savepointDirectories.remove(job);
            return null;
        });
    }

    /** Checkpoints on a file system this JVM shares with the cluster (the same path on both). */
    @Override
    public Optional<String> latestCheckpoint(String checkpointDirectory) {
        return Checkpoints.latest(checkpointDirectory);
    }

    /** The cluster's own web UI on the job's page. */
    @Override
    public Optional<URI> dashboard(JobId job) {
        if (!properties.dashboard()) {
            return Optional.empty();
        }
        return Optional.of(URI.create(
                cluster.restUrl().toString().replaceAll("/$", "") + "/#/job/running/" + job.value() + "/overview"));
    }

    @Override
    public void destroy() {
        cluster.close();
    }

    private static JobID flinkId(JobId job) {
        try {
            return JobID.fromHexString(job.value());
        } catch (IllegalArgumentException e) {
            throw new AwsException(AwsErrorType.INVALID_ARGUMENT, "Not a Flink job id: " + job.value());
        }
    }
}
