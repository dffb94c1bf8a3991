package dev.shardline.analytics.application;

import dev.shardline.analytics.engine.FlinkEngine;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.analytics.engine.JobStatus;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * After a restart of the process (a {@code kill -9} included): every application that was RUNNING, STARTING or
 * UPDATING and whose job the engine no longer runs is submitted again from its latest checkpoint or its latest
 * snapshot, whichever is newer; stops and deletions cut short are finished, snapshots cut short FAILED.
 */
@Component
class ApplicationRecovery implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ApplicationRecovery.class);
    private static final Set<JobStatus.State> ALIVE =
            EnumSet.of(JobStatus.State.INITIALIZING, JobStatus.State.RUNNING, JobStatus.State.RESTARTING);

    private final ApplicationRepository applications;
    private final RunRecords records;
    private final ApplicationWorker worker;
    private final FlinkEngine engine;
    private final boolean enginePresent;

    ApplicationRecovery(
            ApplicationRepository applications,
            RunRecords records,
            ApplicationWorker worker,
            ObjectProvider<FlinkEngine> engines) {
        this.applications = applications;
        this.records = records;
        this.worker = worker;
        this.engine = RuntimeEngine.of(engines);
        this.enginePresent = RuntimeEngine.present(engines);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enginePresent) {
            log.warn("No Flink engine in this runtime: analytics applications can be created but not run");
        }
        records.snapshotsCutShort();
        for (Application app : applications.findByStatusIn(
                EnumSet.of(ApplicationStatus.RUNNING, ApplicationStatus.STARTING, ApplicationStatus.UPDATING))) {
            if (alive(app)) {
                log.info("Application {} ({}): job {} still runs", app.name(), app.status(), app.jobId());
                continue;
            }
            Optional<String> restore = newest(engine.latestCheckpoint(worker.checkpointDirectory(app)), app);
            log.info(
                    "Resuming application {} ({}) from {}",
                    app.name(),
                    app.status(),
                    restore.orElse("the start (no checkpoint or snapshot)"));
            worker.resubmit(app, restore);
        }
        for (Application app :
                applications.findByStatusIn(EnumSet.of(ApplicationStatus.STOPPING, ApplicationStatus.FORCE_STOPPING))) {
            finishStop(app);
        }
        for (Application app : applications.findByStatusIn(EnumSet.of(ApplicationStatus.DELETING))) {
            log.info("Application {}: finishing its deletion", app.name());
            worker.deleteAfterCommit(app.id());
        }
    }

    private boolean alive(Application app) {
        if (app.jobId() == null) {
            return false;
        }
        try {
            return ALIVE.contains(engine.status(new JobId(app.jobId())).state());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The newer of the latest checkpoint and the latest READY snapshot. The engine says where a checkpoint is, not
     * when it completed: for a {@code file:} checkpoint its modification time is compared with the snapshot's creation
     * time; any other checkpoint is taken as the newer (checkpoints keep being written while a job runs).
     */
    private Optional<String> newest(Optional<String> checkpoint, Application app) {
        Optional<Snapshot> snapshot = records.latestSnapshot(app);
        if (checkpoint.isEmpty() || snapshot.isEmpty()) {
            return checkpoint.isPresent() ? checkpoint : snapshot.map(Snapshot::location);
        }
        Optional<Instant> written = modified(checkpoint.get());
        if (written.isPresent() && written.get().isBefore(snapshot.get().createdAt())) {
            return Optional.of(snapshot.get().location());
        }
        return checkpoint;
    }

    private static Optional<Instant> modified(String location) {
        try {
            URI uri = URI.create(location);
            if (!"file".equals(uri.getScheme())) {
                return Optional.empty();
            }
            return Optional.of(Files.getLastModifiedTime(Path.of(uri)).toInstant());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A stop cut short: a job that still runs is stopped now; one that went with the process leaves it READY. */
    private void finishStop(Application app) {
        if (alive(app)) {
            log.info("Application {}: finishing its stop", app.name());
            records.stopInProgress(app.id()).ifPresent(op -> worker.stopAfterCommit(app.id(), op));
            return;
        }
        log.info("Application {}: its job ended with the process; READY", app.name());
        records.stopCutShort(app.id(), app.status() == ApplicationStatus.FORCE_STOPPING);
    }
}
