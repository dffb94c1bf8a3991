package dev.shardline.analytics.engine;

import dev.shardline.analytics.connector.ShardlineStreams;
import dev.shardline.platform.error.AwsErrorType;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.types.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interactive SELECT running as a Flink job on the embedded cluster (the SQL preview): its columns, and its rows
 * (with their change kinds) as the job produces them. Closing it cancels the job.
 *
 * <p>The rows reach the caller through an in-JVM queue that the job's sink fills (the job runs in this JVM), not
 * through Flink's collect sink: a job with a collect sink that is cancelled while it initialises makes the sink throw
 * in its teardown, which Flink escalates to a fatal error that stops the TaskManager (FLINK-39330), and with it every
 * application on the embedded cluster. A full queue holds the job back (backpressure).
 */
public final class InteractiveQuery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InteractiveQuery.class);
    private static final int QUEUE_CAPACITY = 1024;
    private static final Map<String, BlockingQueue<Row>> QUEUES = new ConcurrentHashMap<>();

    /** A column of the query's result: its name and its Flink SQL type. */
    public record ResultColumn(String name, String type) {}

    private final String id;
    private final BlockingQueue<Row> rows;
    private final JobClient job;
    private final List<ResultColumn> columns;
    private final CompletableFuture<JobExecutionResult> result;

    private InteractiveQuery(String id, BlockingQueue<Row> rows, JobClient job, List<ResultColumn> columns) {
        this.id = id;
        this.rows = rows;
        this.job = job;
        this.columns = columns;
        this.result = job.getJobExecutionResult();
    }

    /**
     * Plans {@code sql} ({@code SET} and {@code CREATE} statements, then one {@code SELECT} or {@code WITH} query, the
     * last statement) and starts its job.
     *
     * @throws dev.shardline.platform.error.AwsException {@code CodeValidationException} with Flink's message for SQL
     *     that does not parse or plan, or that does not end in a query
     */
    static InteractiveQuery start(LocalCluster cluster, String sql, String streamsOption) {
        List<String> statements = SqlScript.parse(sql).statements();
        if (statements.isEmpty() || !isQuery(statements.get(statements.size() - 1))) {
            throw AwsErrorType.CODE_VALIDATION.exception(
                    "The last statement must be a SELECT (or WITH ... SELECT) query: it is what the preview shows");
        }
        Configuration configuration = new Configuration();
        configuration.set(DeploymentOptions.TARGET, LocalCluster.EXECUTOR_NAME);
        configuration.set(PipelineOptions.NAME, "sql-preview");
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        // A preview that fails shows the failure; it is not restarted.
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        if (streamsOption != null) {
            configuration.setString(ShardlineStreams.ENGINE_OPTION, streamsOption);
        }
        cluster.startInBackground();
        ClassLoader classLoader = InteractiveQuery.class.getClassLoader();
        StreamExecutionEnvironment env =
                new StreamExecutionEnvironment(cluster.executors(submitted -> {}), configuration, classLoader);
        StreamTableEnvironment tables = StreamTableEnvironment.create(
                env,
                EnvironmentSettings.newInstance()
                        .inStreamingMode()
                        .withConfiguration(configuration)
                        .withClassLoader(classLoader)
                        .build());
        for (String statement : statements.subList(0, statements.size() - 1)) {
            Optional<Map.Entry<String, String>> option = SqlScript.setting(statement);
            if (option.isPresent()) {
                tables.getConfig().set(option.get().getKey(), option.get().getValue());
            } else {
                EngineErrors.asCodeValidation(() -> tables.executeSql(statement));
            }
        }
        Table query = EngineErrors.asCodeValidation(() -> tables.sqlQuery(statements.get(statements.size() - 1)));
        List<ResultColumn> columns = query.getResolvedSchema().getColumns().stream()
                .map(InteractiveQuery::column)
                .toList();
        String id = UUID.randomUUID().toString();
        BlockingQueue<Row> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        QUEUES.put(id, queue);
        try {
            EngineErrors.asCodeValidation(() -> tables.toChangelogStream(query).sinkTo(new QueueSink(id)));
            JobClient job = env.executeAsync("sql-preview");
            return new InteractiveQuery(id, queue, job, columns);
        } catch (RuntimeException e) {
            QUEUES.remove(id);
            throw e;
        } catch (Exception e) {
            QUEUES.remove(id);
            throw EngineErrors.translate(e);
        }
    }

    private static ResultColumn column(Column column) {
        return new ResultColumn(
                column.getName(), column.getDataType().getLogicalType().asSummaryString());
    }

    private static boolean isQuery(String statement) {
        String upper = statement.toUpperCase(Locale.ROOT);
        return upper.startsWith("SELECT") || upper.startsWith("WITH") || upper.startsWith("(");
    }

    public JobId job() {
        return new JobId(job.getJobID().toHexString());
    }

    public List<ResultColumn> columns() {
        return columns;
    }

    /**
     * The next row the job produced, waiting at most {@code wait} for one; null when none came. Each row carries its
     * change kind (an aggregate's result is updated: {@code -U} then {@code +U}).
     */
    public Row poll(Duration wait) throws InterruptedException {
        return rows.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the job has ended (finished, failed or cancelled); rows it produced before may still be queued. */
    public boolean ended() {
        return result.isDone();
    }

    /** Why the job failed, once it ended failing. */
    public Optional<String> failure() {
        if (!result.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            result.join();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(rootMessage(e));
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getName() : message;
    }

    /** Cancels the job, if it still runs. */
    @Override
    public void close() {
        QUEUES.remove(id);
        rows.clear();
        if (!result.isDone()) {
            job.cancel().exceptionally(e -> {
                log.debug("Preview job {} was not cancelled (it may have ended): {}", job.getJobID(), e.getMessage());
                return null;
            });
        }
    }

    /** The preview job's sink: each row into the queue of its query, while the query is open. */
    private static final class QueueSink implements Sink<Row> {

        private final String id;

        QueueSink(String id) {
            this.id = id;
        }

        @Override
        public SinkWriter<Row> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Row row, Context context) throws IOException, InterruptedException {
                    BlockingQueue<Row> queue = QUEUES.get(id);
                    // A closed query's job is being cancelled: its last rows go nowhere.
                    while (queue != null && !queue.offer(row, 100, TimeUnit.MILLISECONDS)) {
                        queue = QUEUES.get(id);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
