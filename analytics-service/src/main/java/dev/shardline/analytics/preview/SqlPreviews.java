package dev.shardline.analytics.preview;

import dev.shardline.analytics.engine.EmbeddedFlinkEngine;
import dev.shardline.analytics.engine.InteractiveQuery;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.types.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Interactive queries: a SELECT runs as a job on the embedded engine and its first rows go to the caller as they are
 * made, until the row limit, the time limit, the end of the data, a failure or the caller's going away, whichever
 * comes first; then the job is cancelled.
 */
@Component
public class SqlPreviews implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SqlPreviews.class);

    private final ObjectProvider<EmbeddedFlinkEngine> engine;
    private final PreviewProperties properties;
    private final Semaphore running;
    private final ExecutorService pumps;

    SqlPreviews(ObjectProvider<EmbeddedFlinkEngine> engine, PreviewProperties properties) {
        this.engine = engine;
        this.properties = properties;
        this.running = new Semaphore(properties.maxConcurrent());
        AtomicInteger threads = new AtomicInteger();
        this.pumps = Executors.newCachedThreadPool(r -> daemon(r, "sql-preview-" + threads.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A preview's bounds. */
    public record Limits(int rows, Duration time) {}

    /** The bounds a request asks for, its defaults filled in; out of range: ValidationException. */
    public Limits limits(Integer rows, Integer timeLimitSeconds) {
        Validation.of()
                .range("rowLimit", rows, 1, properties.maxRows())
                .range(
                        "timeLimitSeconds",
                        timeLimitSeconds,
                        1,
                        properties.maxTime().toSeconds())
                .throwIfInvalid();
        return new Limits(
                rows == null ? properties.defaultRows() : rows,
                timeLimitSeconds == null ? properties.defaultTime() : Duration.ofSeconds(timeLimitSeconds));
    }

    /**
     * Plans {@code sql} and starts its job, then sends its lines to {@code output} from a thread of its own.
     *
     * @return the running preview, to stop when the caller goes away
     * @throws dev.shardline.platform.error.AwsException CodeValidationException with Flink's message for SQL that does
     *     not parse or plan; LimitExceededException when {@code max-concurrent} previews run already
     */
    public Preview start(String sql, Limits limits, PreviewOutput output) {
        EmbeddedFlinkEngine flink = engine.getIfAvailable();
        if (flink == null) {
            throw AwsErrorType.UNSUPPORTED_OPERATION.exception(
                    "Interactive queries run on the embedded Flink engine, which this runtime does not have.");
        }
        if (!running.tryAcquire()) {
            throw AwsErrorType.LIMIT_EXCEEDED.exception(properties.maxConcurrent()
                    + " SQL previews are running already (shardline.analytics.preview.max-concurrent); try again when"
                    + " one has ended.");
        }
        InteractiveQuery query;
        try {
            query = flink.query(sql);
        } catch (RuntimeException e) {
            running.release();
            throw e;
        }
        Preview preview = new Preview(query, limits, output);
        pumps.execute(preview::pump);
        return preview;
    }

    /** One running preview. */
    public final class Preview {

        private static final Duration POLL = Duration.ofMillis(100);

        private final InteractiveQuery query;
        private final Limits limits;
        private final PreviewOutput output;
        private final long started = System.nanoTime();
        private final AtomicBoolean stopped = new AtomicBoolean();

        private Preview(InteractiveQuery query, Limits limits, PreviewOutput output) {
            this.query = query;
            this.limits = limits;
            this.output = output;
        }

        /** The caller went away (or its response timed out): the job is cancelled, no more lines are sent. */
        public void stop() {
            stopped.set(true);
        }

        private void pump() {
            int sent = 0;
            String reason = "STOPPED";
            String error = null;
            long deadline = started + limits.time().toNanos();
            try {
                output.send(new PreviewLine.Columns(query.job().value(), query.columns()));
                List<String> names = query.columns().stream()
                        .map(InteractiveQuery.ResultColumn::name)
                        .toList();
                while (!stopped.get()) {
                    if (sent >= limits.rows()) {
                        reason = "ROW_LIMIT";
                        break;
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        reason = "TIME_LIMIT";
                        break;
                    }
                    boolean ended = query.ended();
                    Row row = query.poll(POLL);
                    if (row != null) {
                        output.send(new PreviewLine.Row(row.getKind().shortString(), values(names, row)));
                        sent++;
                    } else if (ended) {
                        // Nothing came after the job had ended: every row it made was sent.
                        error = query.failure().orElse(null);
                        reason = error == null ? "END_OF_DATA" : "FAILED";
                        break;
                    }
                }
                if (!stopped.get()) {
                    output.send(new PreviewLine.End(new PreviewLine.Summary(sent, reason, error, millis())));
                }
                log.debug(
                        "SQL preview job {} ended after {} rows: {}",
                        query.job().value(),
                        sent,
                        reason);
            } catch (IOException | RuntimeException e) {
                log.debug(
                        "SQL preview job {} stopped after {} rows: {}",
                        query.job().value(),
                        sent,
                        e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                query.close();
                running.release();
                output.complete();
            }
        }

        private long millis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }
    }

    private static Map<String, Object> values(List<String> names, Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < row.getArity(); i++) {
            values.put(i < names.size() ? names.get(i) : "f" + i, json(row.getField(i)));
        }
        return values;
    }

    /** A field as JSON shows it: nested rows as arrays, maps with text keys; the rest as the JSON mapper writes it. */
    private static Object json(Object value) {
        if (value instanceof Row nested) {
            List<Object> fields = new java.util.ArrayList<>();
            for (int i = 0; i < nested.getArity(); i++) {
                fields.add(json(nested.getField(i)));
            }
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), json(v)));
            return copy;
        }
        if (value instanceof Object[] array) {
            return java.util.Arrays.stream(array).map(SqlPreviews::json).toList();
        }
        return value;
    }

    @Override
    public void destroy() {
        pumps.shutdownNow();
    }
}
