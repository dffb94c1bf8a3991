package dev.shardline.analytics;

import dev.shardline.analytics.engine.FlinkEngine;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.analytics.engine.JobSpec;
import dev.shardline.analytics.engine.JobStatus;
import dev.shardline.platform.error.AwsException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine boundary's test double for the control plane's tests: it runs nothing, records every call, and its jobs
 * are in the states the test drives. By default a submitted job is RUNNING; a test scripts otherwise per application
 * name (a job that FAILED with a message, one that stays INITIALIZING, a refused submit or validation, a failing
 * snapshot). Snapshot locations are {@code file:/savepoints/{application}/savepoint-{n}}.
 */
public class RecordingFlinkEngine implements FlinkEngine {

    /** A job and the spec it was submitted with. */
    public record Job(JobId id, JobSpec spec) {}

    private final AtomicInteger counter = new AtomicInteger();
    private final Map<JobId, JobStatus> states = new ConcurrentHashMap<>();
    private final Map<JobId, JobSpec> specs = new ConcurrentHashMap<>();
    private final List<Job> submitted = new CopyOnWriteArrayList<>();
    private final List<JobSpec> validated = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> written = new ConcurrentHashMap<>();
    private final Map<String, JobStatus> onSubmit = new ConcurrentHashMap<>();
    private final Map<String, AwsException> refuseValidation = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> refuseSubmit = new ConcurrentHashMap<>();
    private final Map<String, String> failSnapshots = new ConcurrentHashMap<>();
    private final Map<String, String> checkpoints = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> heldStops = new ConcurrentHashMap<>();
    private volatile boolean statusUnavailable;

    // ---- what the test drives

    /** The next jobs of {@code application} start in this state (RUNNING unless said otherwise). */
    public void onSubmit(String application, JobStatus.State state, String failure) {
        onSubmit.put(application, new JobStatus(state, Optional.ofNullable(failure), 0));
    }

    public void refuseValidation(String application, AwsException refusal) {
        refuseValidation.put(application, refusal);
    }

    public void refuseSubmit(String application, RuntimeException refusal) {
        refuseSubmit.put(application, refusal);
    }

    public void failSnapshots(String application, String message) {
        failSnapshots.put(application, message);
    }

    /** The next stopWithSnapshot of {@code application} does not complete until the test completes the future. */
    public CompletableFuture<String> holdStop(String application) {
        CompletableFuture<String> held = new CompletableFuture<>();
        heldStops.put(application, held);
        return held;
    }

    /** What {@link #latestCheckpoint} answers for a checkpoint directory. */
    public void checkpoint(String checkpointDirectory, String location) {
        checkpoints.put(checkpointDirectory, location);
    }

    /** Moves a job to a state, as Flink would on its own. */
    public void set(JobId job, JobStatus.State state, String failure) {
        states.put(job, new JobStatus(state, Optional.ofNullable(failure), 0));
    }

    /** While set, {@link #status} throws, as an engine that is not there yet (a restart). */
    public void statusUnavailable(boolean unavailable) {
        statusUnavailable = unavailable;
    }

    // ---- what the test reads

    public List<Job> submitted(String application) {
        return submitted.stream()
                .filter(j -> j.spec().applicationName().equals(application))
                .toList();
    }

    public Optional<Job> lastSubmitted(String application) {
        List<Job> jobs = submitted(application);
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(jobs.size() - 1));
    }

    public List<JobSpec> validated(String application) {
        return validated.stream()
                .filter(s -> s.applicationName().equals(application))
                .toList();
    }

    /** Calls as "action:application", in order: "stopWithSnapshot:clicks", "cancel:clicks", ... */
    public List<String> calls(String application) {
        return calls.stream().filter(c -> c.endsWith(":" + application)).toList();
    }

    /** The locations of the snapshots written for {@code application} (snapshot and stopWithSnapshot), in order. */
    public List<String> snapshotsWritten(String application) {
        return written.getOrDefault(application, List.of());
    }

    public JobStatus.State state(JobId job) {
        return states.get(job).state();
    }

    // ---- the engine

    @Override
    public void validate(JobSpec spec) {
        validated.add(spec);
        AwsException refusal = refuseValidation.get(spec.applicationName());
        if (refusal != null) {
            throw refusal;
        }
    }

    @Override
    public JobId submit(JobSpec spec) {
        calls.add("submit:" + spec.applicationName());
        RuntimeException refusal = refuseSubmit.get(spec.applicationName());
        if (refusal != null) {
            throw refusal;
        }
        JobId job = new JobId(String.format("%032x", counter.incrementAndGet()));
        states.put(
                job,
                onSubmit.getOrDefault(
                        spec.applicationName(), new JobStatus(JobStatus.State.RUNNING, Optional.empty(), 0)));
        specs.put(job, spec);
        submitted.add(new Job(job, spec));
        return job;
    }

    @Override
    public JobStatus status(JobId job) {
        if (statusUnavailable) {
            throw new IllegalStateException("the engine is not there yet");
        }
        return states.getOrDefault(job, new JobStatus(JobStatus.State.FAILED, Optional.of("unknown job"), 0));
    }

    @Override
    public CompletableFuture<String> snapshot(JobId job) {
        String application = specs.get(job).applicationName();
        calls.add("snapshot:" + application);
        String failure = failSnapshots.get(application);
        if (failure != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(failure));
        }
        return CompletableFuture.completedFuture(location(application));
    }

    @Override
    public CompletableFuture<String> stopWithSnapshot(JobId job) {
        String application = specs.get(job).applicationName();
        calls.add("stopWithSnapshot:" + application);
        CompletableFuture<String> held = heldStops.remove(application);
        if (held != null) {
            return held;
        }
        String failure = failSnapshots.get(application);
        if (failure != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(failure));
        }
        set(job, JobStatus.State.FINISHED, null);
        return CompletableFuture.completedFuture(location(application));
    }

    @Override
    public CompletableFuture<Void> cancel(JobId job) {
        calls.add("cancel:" + specs.get(job).applicationName());
        set(job, JobStatus.State.CANCELED, null);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<String> latestCheckpoint(String checkpointDirectory) {
        return Optional.ofNullable(checkpoints.get(checkpointDirectory));
    }

    @Override
    public Optional<URI> dashboard(JobId job) {
        return Optional.of(URI.create("http://127.0.0.1:8081/#/job/" + job.value() + "/overview"));
    }

    private String location(String application) {
        String location = "file:/savepoints/" + application + "/savepoint-" + counter.incrementAndGet();
        written.computeIfAbsent(application, a -> new CopyOnWriteArrayList<>()).add(location);
        return location;
    }
}
