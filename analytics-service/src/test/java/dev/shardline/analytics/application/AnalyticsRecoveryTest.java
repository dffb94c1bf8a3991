package dev.shardline.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.AnalyticsIntegrationTest;
import dev.shardline.analytics.RecordingFlinkEngine;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotStatus;

/**
 * What the startup runner does after the process died under running applications: the engine has lost their jobs
 * (its status is not even there at first), and each is submitted again from its newest checkpoint or snapshot.
 */
class AnalyticsRecoveryTest extends AnalyticsIntegrationTest {

    @Autowired
    private ApplicationRecovery recovery;

    @AfterEach
    void engineBack() {
        engine.statusUnavailable(false);
    }

    @Test
    void aRunningApplicationResumesFromItsLatestCheckpoint() {
        KinesisAnalyticsV2Client client = analytics();
        String name = uniqueName("resume");
        runningApplication(client, name, true);
        RecordingFlinkEngine.Job before = engine.lastSubmitted(name).orElseThrow();
        String checkpoint =
                before.spec().checkpointDirectory() + "/" + before.id().value() + "/chk-7";
        engine.checkpoint(before.spec().checkpointDirectory(), checkpoint);

        restart();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.submitted(name).size() == 2);
        assertThat(engine.lastSubmitted(name).orElseThrow().spec().restoreFrom())
                .hasValue(checkpoint);
        awaitStatus(client, name, ApplicationStatus.RUNNING);
    }

    @Test
    void aSnapshotNewerThanTheLatestCheckpointWins() throws Exception {
        KinesisAnalyticsV2Client client = analytics();
        String name = uniqueName("newer");
        runningApplication(client, name, true);
        RecordingFlinkEngine.Job before = engine.lastSubmitted(name).orElseThrow();
        Path chk = Path.of(URI.create(before.spec().checkpointDirectory())).resolve("job/chk-3");
        Files.createDirectories(chk);
        Files.setLastModifiedTime(chk, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        engine.checkpoint(before.spec().checkpointDirectory(), chk.toUri().toString());
        client.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("fresh"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.describeApplicationSnapshot(
                                        r -> r.applicationName(name).snapshotName("fresh"))
                                .snapshotDetails()
                                .snapshotStatus()
                        == SnapshotStatus.READY);

        restart();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.submitted(name).size() == 2);
        assertThat(engine.lastSubmitted(name).orElseThrow().spec().restoreFrom())
                .hasValue(engine.snapshotsWritten(name).get(0));
    }

    @Test
    void aJobTheEngineStillRunsIsLeftAlone() {
        KinesisAnalyticsV2Client client = analytics();
        String name = uniqueName("alive");
        runningApplication(client, name, false);

        recovery.run(null);

        assertThat(engine.submitted(name)).hasSize(1);
        assertThat(describe(client, name).applicationStatus()).isEqualTo(ApplicationStatus.RUNNING);
    }

    @Test
    void aStopCutShortLeavesTheApplicationReadyAndItsStopFailed() {
        KinesisAnalyticsV2Client client = analytics();
        String name = uniqueName("cut");
        runningApplication(client, name, true);
        var held = engine.holdStop(name);
        String stop = client.stopApplication(r -> r.applicationName(name)).operationId();
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.calls(name).contains("stopWithSnapshot:" + name));
        assertThat(describe(client, name).applicationStatus()).isEqualTo(ApplicationStatus.STOPPING);

        restart();

        assertThat(describe(client, name).applicationStatus()).isEqualTo(ApplicationStatus.READY);
        assertThat(client.describeApplicationOperation(
                                r -> r.applicationName(name).operationId(stop))
                        .applicationOperationInfoDetails()
                        .operationStatus())
                .isEqualTo(software.amazon.awssdk.services.kinesisanalyticsv2.model.OperationStatus.FAILED);
        held.completeExceptionally(new IllegalStateException("the job went with the process"));
    }

    /** As after a kill -9: the engine is not there while the runner looks, and comes back without the old jobs. */
    private void restart() {
        engine.statusUnavailable(true);
        recovery.run(null);
        engine.statusUnavailable(false);
    }
}
