package dev.shardline.analytics.application.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.AnalyticsIntegrationTest;
import dev.shardline.analytics.RecordingFlinkEngine;
import dev.shardline.analytics.engine.JobStatus;
import dev.shardline.platform.error.AwsErrorType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.*;

/** StartApplication, StopApplication, snapshots, operations and the dashboard URL, through the AWS SDK. */
class AnalyticsRunApiTest extends AnalyticsIntegrationTest {

    private KinesisAnalyticsV2Client client;

    @BeforeEach
    void client() {
        client = analytics();
    }

    @Test
    void startMovesThroughStartingToRunningAndRecordsASuccessfulOperation() {
        String name = uniqueName("run");
        engine.onSubmit(name, JobStatus.State.INITIALIZING, null);
        sqlApplication(client, name, false);

        String operationId =
                client.startApplication(r -> r.applicationName(name)).operationId();
        assertThat(operationId).isNotBlank();
        assertThat(describe(client, name).applicationStatus()).isEqualTo(ApplicationStatus.STARTING);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.lastSubmitted(name).isPresent());
        assertThat(describe(client, name).applicationStatus()).isEqualTo(ApplicationStatus.STARTING);

        engine.set(engine.lastSubmitted(name).orElseThrow().id(), JobStatus.State.RUNNING, null);
        awaitStatus(client, name, ApplicationStatus.RUNNING);

        ApplicationOperationInfoDetails op = client.describeApplicationOperation(
                        r -> r.applicationName(name).operationId(operationId))
                .applicationOperationInfoDetails();
        assertThat(op.operation()).isEqualTo("StartApplication");
        assertThat(op.operationStatus()).isEqualTo(OperationStatus.SUCCESSFUL);
        assertThat(op.endTime()).isAfterOrEqualTo(op.startTime());
        assertThat(op.operationFailureDetails()).isNull();
        assertThatThrownBy(() -> client.startApplication(r -> r.applicationName(name)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("RUNNING");
    }

    @Test
    void aJobThatFailsLeavesTheApplicationReadyWithTheEnginesMessage() {
        String name = uniqueName("fails");
        engine.onSubmit(
                name,
                JobStatus.State.FAILED,
                "org.apache.flink.table.api.ValidationException: " + "Object 'nope' not found");
        sqlApplication(client, name, false);

        String operationId =
                client.startApplication(r -> r.applicationName(name)).operationId();
        awaitOperation(name, operationId, OperationStatus.FAILED);
        assertThat(describe(client, name).applicationStatus()).isEqualTo(ApplicationStatus.READY);
        ApplicationOperationInfoDetails op = client.describeApplicationOperation(
                        r -> r.applicationName(name).operationId(operationId))
                .applicationOperationInfoDetails();
        assertThat(op.operationFailureDetails().errorInfo().errorString()).contains("Object 'nope' not found");
    }

    @Test
    void aSubmitTheEngineRefusesFailsTheStart() {
        String name = uniqueName("refused");
        sqlApplication(client, name, false);
        engine.refuseSubmit(
                name, AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception("Parallelism 64 exceeds the maximum 8"));

        String operationId =
                client.startApplication(r -> r.applicationName(name)).operationId();
        awaitOperation(name, operationId, OperationStatus.FAILED);
        assertThat(describe(client, name).applicationStatus()).isEqualTo(ApplicationStatus.READY);
        assertThat(client.describeApplicationOperation(
                                r -> r.applicationName(name).operationId(operationId))
                        .applicationOperationInfoDetails()
                        .operationFailureDetails()
                        .errorInfo()
                        .errorString())
                .isEqualTo("Parallelism 64 exceeds the maximum 8");
    }

    @Test
    void stopTakesASnapshotAndTheNextStartRestoresFromTheLatest() {
        String name = uniqueName("snap");
        runningApplication(client, name, true);
        RecordingFlinkEngine.Job first = engine.lastSubmitted(name).orElseThrow();
        assertThat(first.spec().restoreFrom()).isEmpty();

        client.stopApplication(r -> r.applicationName(name));
        awaitStatus(client, name, ApplicationStatus.READY);
        assertThat(engine.calls(name)).contains("stopWithSnapshot:" + name);
        List<SnapshotDetails> snapshots =
                client.listApplicationSnapshots(r -> r.applicationName(name)).snapshotSummaries();
        assertThat(snapshots).hasSize(1);
        assertThat(snapshots.get(0).snapshotStatus()).isEqualTo(SnapshotStatus.READY);
        assertThat(snapshots.get(0).applicationVersionId()).isEqualTo(1L);
        assertThat(snapshots.get(0).snapshotCreationTimestamp()).isNotNull();

        client.startApplication(r -> r.applicationName(name));
        awaitStatus(client, name, ApplicationStatus.RUNNING);
        RecordingFlinkEngine.Job second = engine.lastSubmitted(name).orElseThrow();
        assertThat(second.spec().restoreFrom())
                .hasValueSatisfying(l -> assertThat(l).startsWith("file:/savepoints/"));
    }

    @Test
    void startRestoresAsItsRestoreConfigurationSays() {
        String name = uniqueName("restore");
        runningApplication(client, name, true);
        client.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("chosen"));
        awaitSnapshot(name, "chosen", SnapshotStatus.READY);
        client.stopApplication(r -> r.applicationName(name));
        awaitStatus(client, name, ApplicationStatus.READY);

        client.startApplication(r -> r.applicationName(name)
                .runConfiguration(c -> c.applicationRestoreConfiguration(
                                a -> a.applicationRestoreType(ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT)
                                        .snapshotName("chosen"))
                        .flinkRunConfiguration(f -> f.allowNonRestoredState(true))));
        awaitStatus(client, name, ApplicationStatus.RUNNING);
        RecordingFlinkEngine.Job custom = engine.lastSubmitted(name).orElseThrow();
        String chosen = engine.calls(name).contains("snapshot:" + name)
                ? custom.spec().restoreFrom().orElseThrow()
                : "";
        assertThat(custom.spec().allowNonRestoredState()).isTrue();
        assertThat(chosen).startsWith("file:/savepoints/" + name);
        assertThat(describe(client, name)
                        .applicationConfigurationDescription()
                        .runConfigurationDescription()
                        .applicationRestoreConfigurationDescription()
                        .snapshotName())
                .isEqualTo("chosen");

        client.stopApplication(r -> r.applicationName(name).force(true));
        awaitStatus(client, name, ApplicationStatus.READY);
        client.startApplication(r -> r.applicationName(name)
                .runConfiguration(c -> c.applicationRestoreConfiguration(
                        a -> a.applicationRestoreType(ApplicationRestoreType.SKIP_RESTORE_FROM_SNAPSHOT))));
        awaitStatus(client, name, ApplicationStatus.RUNNING);
        assertThat(engine.lastSubmitted(name).orElseThrow().spec().restoreFrom())
                .isEmpty();

        client.stopApplication(r -> r.applicationName(name).force(true));
        awaitStatus(client, name, ApplicationStatus.READY);
        assertThatThrownBy(() -> client.startApplication(r -> r.applicationName(name)
                        .runConfiguration(c -> c.applicationRestoreConfiguration(
                                a -> a.applicationRestoreType(ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT)
                                        .snapshotName("never-taken")))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("never-taken");
    }

    @Test
    void stopWithoutSnapshotsCancelsAndForceCancelsEvenAStartingJob() {
        String name = uniqueName("cancel");
        runningApplication(client, name, false);
        String stop = client.stopApplication(r -> r.applicationName(name)).operationId();
        awaitStatus(client, name, ApplicationStatus.READY);
        assertThat(engine.calls(name)).contains("cancel:" + name).doesNotContain("stopWithSnapshot:" + name);
        awaitOperation(name, stop, OperationStatus.SUCCESSFUL);
        assertThat(client.listApplicationSnapshots(r -> r.applicationName(name)).snapshotSummaries())
                .isEmpty();
        assertThatThrownBy(() -> client.stopApplication(r -> r.applicationName(name)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("READY");

        engine.onSubmit(name, JobStatus.State.INITIALIZING, null);
        String start = client.startApplication(r -> r.applicationName(name)).operationId();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.submitted(name).size() == 2);
        client.stopApplication(r -> r.applicationName(name).force(true));
        awaitStatus(client, name, ApplicationStatus.READY);
        assertThat(client.describeApplicationOperation(
                                r -> r.applicationName(name).operationId(start))
                        .applicationOperationInfoDetails()
                        .operationStatus())
                .isEqualTo(OperationStatus.CANCELLED);
    }

    @Test
    void snapshotsOfARunningApplicationAreCreatedDescribedListedAndDeleted() {
        String name = uniqueName("snapshots");
        sqlApplication(client, name, true);
        assertThatThrownBy(() -> client.createApplicationSnapshot(
                        r -> r.applicationName(name).snapshotName("s1")))
                .isInstanceOf(ResourceInUseException.class);
        client.startApplication(r -> r.applicationName(name));
        awaitStatus(client, name, ApplicationStatus.RUNNING);

        client.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("s1"));
        awaitSnapshot(name, "s1", SnapshotStatus.READY);
        assertThatThrownBy(() -> client.createApplicationSnapshot(
                        r -> r.applicationName(name).snapshotName("s1")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("already exists");
        client.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("s2"));
        awaitSnapshot(name, "s2", SnapshotStatus.READY);

        ListApplicationSnapshotsResponse page =
                client.listApplicationSnapshots(r -> r.applicationName(name).limit(1));
        assertThat(page.snapshotSummaries()).hasSize(1);
        assertThat(page.nextToken()).isNotNull();
        assertThat(client.listApplicationSnapshots(r -> r.applicationName(name).nextToken(page.nextToken()))
                        .snapshotSummaries())
                .hasSize(1);
        assertThat(client.listApplicationOperations(r -> r.applicationName(name).operation("CreateApplicationSnapshot"))
                        .applicationOperationInfoList())
                .hasSize(2)
                .allSatisfy(o -> assertThat(o.operationStatus()).isEqualTo(OperationStatus.SUCCESSFUL));

        SnapshotDetails s1 = client.describeApplicationSnapshot(
                        r -> r.applicationName(name).snapshotName("s1"))
                .snapshotDetails();
        assertThatThrownBy(() -> client.deleteApplicationSnapshot(r -> r.applicationName(name)
                        .snapshotName("s1")
                        .snapshotCreationTimestamp(
                                s1.snapshotCreationTimestamp().plusSeconds(1))))
                .isInstanceOf(InvalidArgumentException.class);
        client.deleteApplicationSnapshot(r ->
                r.applicationName(name).snapshotName("s1").snapshotCreationTimestamp(s1.snapshotCreationTimestamp()));
        assertThatThrownBy(() -> client.describeApplicationSnapshot(
                        r -> r.applicationName(name).snapshotName("s1")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aSnapshotTheEngineCannotTakeIsFailedWithItsMessage() {
        String name = uniqueName("nosnap");
        runningApplication(client, name, true);
        engine.failSnapshots(name, "Checkpoint Coordinator is suspending.");
        client.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("bad"));
        awaitSnapshot(name, "bad", SnapshotStatus.FAILED);
        ApplicationOperationInfo op = client.listApplicationOperations(
                        r -> r.applicationName(name).operation("CreateApplicationSnapshot"))
                .applicationOperationInfoList()
                .get(0);
        assertThat(client.describeApplicationOperation(
                                r -> r.applicationName(name).operationId(op.operationId()))
                        .applicationOperationInfoDetails()
                        .operationFailureDetails()
                        .errorInfo()
                        .errorString())
                .isEqualTo("Checkpoint Coordinator is suspending.");
    }

    @Test
    void theDashboardUrlIsTheEnginesAndOnlyForARunningApplication() {
        String name = uniqueName("dash");
        sqlApplication(client, name, false);
        assertThatThrownBy(() -> client.createApplicationPresignedUrl(
                        r -> r.applicationName(name).urlType(UrlType.FLINK_DASHBOARD_URL)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("READY");
        client.startApplication(r -> r.applicationName(name));
        awaitStatus(client, name, ApplicationStatus.RUNNING);
        String job = engine.lastSubmitted(name).orElseThrow().id().value();
        assertThat(client.createApplicationPresignedUrl(r -> r.applicationName(name)
                                .urlType(UrlType.FLINK_DASHBOARD_URL)
                                .sessionExpirationDurationInSeconds(1800L))
                        .authorizedUrl())
                .isEqualTo("http://127.0.0.1:8081/#/job/" + job + "/overview");
        assertThatThrownBy(() -> client.createApplicationPresignedUrl(
                        r -> r.applicationName(name).urlType(UrlType.ZEPPELIN_UI_URL)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aRunningJobThatFailsForGoodLeavesTheApplicationReady() {
        String name = uniqueName("dies");
        runningApplication(client, name, false);
        engine.set(engine.lastSubmitted(name).orElseThrow().id(), JobStatus.State.FAILED, "restarts exhausted");
        awaitStatus(client, name, ApplicationStatus.READY);
    }

    @Test
    void aStopWhoseSnapshotFailsLeavesTheJobRunningAndTheStopFailed() {
        String name = uniqueName("nostop");
        runningApplication(client, name, true);
        engine.failSnapshots(name, "Savepoint coordinator is shutting down.");

        String stop = client.stopApplication(r -> r.applicationName(name)).operationId();
        awaitOperation(name, stop, OperationStatus.FAILED);
        assertThat(describe(client, name).applicationStatus()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(client.describeApplicationOperation(
                                r -> r.applicationName(name).operationId(stop))
                        .applicationOperationInfoDetails()
                        .operationFailureDetails()
                        .errorInfo()
                        .errorString())
                .isEqualTo("Savepoint coordinator is shutting down.");

        client.stopApplication(r -> r.applicationName(name).force(true));
        awaitStatus(client, name, ApplicationStatus.READY);
    }

    @Test
    void operationsAreListedNewestFirstAndFilteredByKindAndStatus() {
        String name = uniqueName("ops");
        runningApplication(client, name, false);
        client.stopApplication(r -> r.applicationName(name));
        awaitStatus(client, name, ApplicationStatus.READY);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        client
                                .listApplicationOperations(r -> r.applicationName(name))
                                .applicationOperationInfoList()
                                .stream()
                                .allMatch(o -> o.operationStatus() == OperationStatus.SUCCESSFUL));

        List<ApplicationOperationInfo> all =
                client.listApplicationOperations(r -> r.applicationName(name)).applicationOperationInfoList();
        assertThat(all)
                .extracting(ApplicationOperationInfo::operation)
                .containsExactly("StopApplication", "StartApplication");
        assertThat(client.listApplicationOperations(
                                r -> r.applicationName(name).operationStatus(OperationStatus.FAILED))
                        .applicationOperationInfoList())
                .isEmpty();
        ListApplicationOperationsResponse page =
                client.listApplicationOperations(r -> r.applicationName(name).limit(1));
        assertThat(page.applicationOperationInfoList()).hasSize(1);
        assertThat(page.nextToken()).isNotNull();
        assertThatThrownBy(() -> client.describeApplicationOperation(
                        r -> r.applicationName(name).operationId("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private void awaitOperation(String name, String operationId, OperationStatus status) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.describeApplicationOperation(
                                        r -> r.applicationName(name).operationId(operationId))
                                .applicationOperationInfoDetails()
                                .operationStatus()
                        == status);
    }

    private void awaitSnapshot(String name, String snapshot, SnapshotStatus status) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Optional.of(client.describeApplicationSnapshot(
                                                r -> r.applicationName(name).snapshotName(snapshot))
                                        .snapshotDetails()
                                        .snapshotStatus())
                                .orElseThrow()
                        == status);
    }
}
