package dev.shardline.analytics.application;

import dev.shardline.analytics.engine.FlinkEngine;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.analytics.engine.JobMetrics;
import dev.shardline.analytics.engine.JobSpec;
import dev.shardline.analytics.engine.JobStatus;
import dev.shardline.platform.error.AwsErrorType;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@link FlinkEngine} bean of this runtime, looked up at each call, so that the control plane starts (and the
 * all-in-one runtime with it) in a runtime that has no engine yet: there, code passes unchecked, and a start fails its
 * operation with {@link #MISSING}'s message instead of the whole runtime failing to start. Not a bean itself.
 */
final class RuntimeEngine implements FlinkEngine {

    static final String MISSING = "This runtime has no Flink engine: applications cannot run in it.";

    private final ObjectProvider<FlinkEngine> engines;

    private RuntimeEngine(ObjectProvider<FlinkEngine> engines) {
        this.engines = engines;
    }

    static FlinkEngine of(ObjectProvider<FlinkEngine> engines) {
        return new RuntimeEngine(engines);
    }

    /** Whether this runtime has an engine at all. */
    static boolean present(ObjectProvider<FlinkEngine> engines) {
        return engines.getIfAvailable() != null;
    }

    private Optional<FlinkEngine> engine() {
        return Optional.ofNullable(engines.getIfAvailable());
    }

    @Override
    public void validate(JobSpec spec) {
        engine().ifPresent(e -> e.validate(spec));
    }

    @Override
    public JobId submit(JobSpec spec) {
        return engine().orElseThrow(() -> AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception(MISSING))
                .submit(spec);
    }

    @Override
    public JobStatus status(JobId job) {
        return engine().map(e -> e.status(job)).orElse(new JobStatus(JobStatus.State.FAILED, Optional.of(MISSING), 0));
    }

    @Override
    public CompletableFuture<String> snapshot(JobId job) {
        return engine().map(e -> e.snapshot(job)).orElse(missing());
    }

    @Override
    public CompletableFuture<String> stopWithSnapshot(JobId job) {
        return engine().map(e -> e.stopWithSnapshot(job)).orElse(missing());
    }

    @Override
    public CompletableFuture<Void> cancel(JobId job) {
        return engine().map(e -> e.cancel(job)).orElse(CompletableFuture.completedFuture(null));
    }

    @Override
    public Optional<String> latestCheckpoint(String checkpointDirectory) {
        return engine().flatMap(e -> e.latestCheckpoint(checkpointDirectory));
    }

    @Override
    public Optional<URI> dashboard(JobId job) {
        return engine().flatMap(e -> e.dashboard(job));
    }

    @Override
    public Optional<JobMetrics> metrics(JobId job) {
        return engine().flatMap(e -> e.metrics(job));
    }

    private static <T> CompletableFuture<T> missing() {
        return CompletableFuture.failedFuture(new IllegalStateException(MISSING));
    }
}
