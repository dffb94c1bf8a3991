package dev.shardline.analytics.application.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.AnalyticsIntegrationTest;
import dev.shardline.analytics.engine.JobSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.*;

/** UpdateApplication, the versions it makes, RollbackApplication, and JAR code (ZIPFILE, S3), through the AWS SDK. */
class AnalyticsUpdateApiTest extends AnalyticsIntegrationTest {

    private static final byte[] JAR = {'P', 'K', 3, 4, 1, 2, 3, 4, 5};

    private KinesisAnalyticsV2Client client;

    @BeforeEach
    void client() {
        client = analytics();
    }

    @Test
    void anUpdateMakesTheNextVersionAndAStaleVersionIsAConcurrentModification() {
        String name = uniqueName("upd");
        ApplicationDetail v1 = sqlApplication(client, name, false);

        UpdateApplicationResponse updated = client.updateApplication(r -> r.applicationName(name)
                .currentApplicationVersionId(1L)
                .applicationConfigurationUpdate(u -> u.flinkApplicationConfigurationUpdate(
                                f -> f.parallelismConfigurationUpdate(
                                        p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                                .parallelismUpdate(3)))
                        .environmentPropertyUpdates(e -> e.propertyGroups(PropertyGroup.builder()
                                .propertyGroupId("g")
                                .propertyMap(java.util.Map.of("k", "v"))
                                .build()))));
        ApplicationDetail v2 = updated.applicationDetail();
        assertThat(v2.applicationVersionId()).isEqualTo(2L);
        assertThat(v2.applicationVersionUpdatedFrom()).isEqualTo(1L);
        assertThat(v2.conditionalToken()).isNotEqualTo(v1.conditionalToken());
        assertThat(v2.applicationConfigurationDescription()
                        .flinkApplicationConfigurationDescription()
                        .parallelismConfigurationDescription()
                        .parallelism())
                .isEqualTo(3);
        assertThat(updated.operationId()).isNotBlank();
        ApplicationOperationInfoDetails op = client.describeApplicationOperation(
                        r -> r.applicationName(name).operationId(updated.operationId()))
                .applicationOperationInfoDetails();
        assertThat(op.operationStatus()).isEqualTo(OperationStatus.SUCCESSFUL);
        assertThat(op.applicationVersionChangeDetails().applicationVersionUpdatedFrom())
                .isEqualTo(1L);
        assertThat(op.applicationVersionChangeDetails().applicationVersionUpdatedTo())
                .isEqualTo(2L);

        assertThatThrownBy(() -> client.updateApplication(r ->
                        r.applicationName(name).currentApplicationVersionId(1L).serviceExecutionRoleUpdate(ROLE)))
                .isInstanceOf(ConcurrentModificationException.class)
                .hasMessageContaining("CurrentApplicationVersionId 1");
        assertThatThrownBy(() -> client.updateApplication(r -> r.applicationName(name)
                        .conditionalToken(v1.conditionalToken())
                        .serviceExecutionRoleUpdate(ROLE)))
                .isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() ->
                        client.updateApplication(r -> r.applicationName(name).serviceExecutionRoleUpdate(ROLE)))
                .isInstanceOf(InvalidArgumentException.class);

        ApplicationDetail v3 = client.updateApplication(r -> r.applicationName(name)
                        .conditionalToken(v2.conditionalToken())
                        .applicationConfigurationUpdate(u -> u.applicationCodeConfigurationUpdate(c ->
                                c.codeContentUpdate(content -> content.textContentUpdate("INSERT INTO x SELECT 1;")))))
                .applicationDetail();
        assertThat(v3.applicationVersionId()).isEqualTo(3L);
        assertThat(engine.validated(name).get(engine.validated(name).size() - 1).code())
                .isEqualTo(new JobSpec.Sql("INSERT INTO x SELECT 1;"));
        assertThatThrownBy(() -> client.updateApplication(r ->
                        r.applicationName(name).currentApplicationVersionId(3L).runtimeEnvironmentUpdate("FLINK-1_20")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void ofTwoUpdatesFromOneVersionExactlyOneWins() throws Exception {
        String name = uniqueName("race");
        sqlApplication(client, name, false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Boolean>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                KinesisAnalyticsV2Client own = analytics();
                calls.add(pool.submit(() -> {
                    go.await();
                    try {
                        own.updateApplication(r -> r.applicationName(name)
                                .currentApplicationVersionId(1L)
                                .serviceExecutionRoleUpdate(ROLE));
                        return true;
                    } catch (ConcurrentModificationException lost) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int won = 0;
            for (java.util.concurrent.Future<Boolean> call : calls) {
                won += call.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(describe(client, name).applicationVersionId()).isEqualTo(2L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void versionsAreListedNewestFirstDescribedAndRolledBack() {
        String name = uniqueName("versions");
        sqlApplication(client, name, false);
        client.updateApplication(r -> r.applicationName(name)
                .currentApplicationVersionId(1L)
                .applicationConfigurationUpdate(
                        u -> u.applicationSnapshotConfigurationUpdate(s -> s.snapshotsEnabledUpdate(true))));

        ListApplicationVersionsResponse versions = client.listApplicationVersions(r -> r.applicationName(name));
        assertThat(versions.applicationVersionSummaries())
                .extracting(ApplicationVersionSummary::applicationVersionId)
                .containsExactly(2L, 1L);
        ListApplicationVersionsResponse page =
                client.listApplicationVersions(r -> r.applicationName(name).limit(1));
        assertThat(page.nextToken()).isNotNull();
        assertThat(client.listApplicationVersions(r -> r.applicationName(name).nextToken(page.nextToken()))
                        .applicationVersionSummaries())
                .extracting(ApplicationVersionSummary::applicationVersionId)
                .containsExactly(1L);
        ApplicationDetail v1 = client.describeApplicationVersion(
                        r -> r.applicationName(name).applicationVersionId(1L))
                .applicationVersionDetail();
        assertThat(v1.applicationConfigurationDescription()
                        .applicationSnapshotConfigurationDescription()
                        .snapshotsEnabled())
                .isFalse();
        assertThatThrownBy(() -> client.describeApplicationVersion(
                        r -> r.applicationName(name).applicationVersionId(9L)))
                .isInstanceOf(ResourceNotFoundException.class);

        RollbackApplicationResponse rolledBack =
                client.rollbackApplication(r -> r.applicationName(name).currentApplicationVersionId(2L));
        ApplicationDetail v3 = rolledBack.applicationDetail();
        assertThat(v3.applicationVersionId()).isEqualTo(3L);
        assertThat(v3.applicationVersionRolledBackFrom()).isEqualTo(2L);
        assertThat(v3.applicationVersionRolledBackTo()).isEqualTo(1L);
        assertThat(v3.applicationConfigurationDescription()
                        .applicationSnapshotConfigurationDescription()
                        .snapshotsEnabled())
                .isFalse();
        assertThat(client.listApplicationOperations(r -> r.applicationName(name).operation("RollbackApplication"))
                        .applicationOperationInfoList())
                .hasSize(1);
        assertThatThrownBy(() ->
                        client.rollbackApplication(r -> r.applicationName(name).currentApplicationVersionId(2L)))
                .isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void anUpdateOfARunningApplicationRestartsItsJobFromASnapshot() {
        String name = uniqueName("live");
        runningApplication(client, name, true);

        UpdateApplicationResponse updated = client.updateApplication(r -> r.applicationName(name)
                .currentApplicationVersionId(1L)
                .applicationConfigurationUpdate(u -> u.flinkApplicationConfigurationUpdate(
                        f -> f.parallelismConfigurationUpdate(p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                .parallelismUpdate(2)))));
        assertThat(updated.applicationDetail().applicationStatusAsString()).isIn("UPDATING", "RUNNING");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.describeApplicationOperation(
                                        r -> r.applicationName(name).operationId(updated.operationId()))
                                .applicationOperationInfoDetails()
                                .operationStatus()
                        == OperationStatus.SUCCESSFUL);
        assertThat(describe(client, name).applicationStatus()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(engine.calls(name)).containsSubsequence("stopWithSnapshot:" + name, "submit:" + name);
        JobSpec restarted = engine.lastSubmitted(name).orElseThrow().spec();
        assertThat(restarted.parallelism()).isEqualTo(2);
        assertThat(restarted.restoreFrom())
                .hasValue(engine.snapshotsWritten(name).get(0));
    }

    @Test
    void anUpdatedJobTheEngineRefusesFailsTheUpdateWithItsMessage() {
        String name = uniqueName("badupd");
        runningApplication(client, name, false);
        engine.refuseSubmit(
                name,
                dev.shardline.platform.error.AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception(
                        "Parallelism 99 is beyond the maximum of 8"));

        String operationId = client.updateApplication(r -> r.applicationName(name)
                        .currentApplicationVersionId(1L)
                        .applicationConfigurationUpdate(u ->
                                u.flinkApplicationConfigurationUpdate(f -> f.parallelismConfigurationUpdate(
                                        p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                                .parallelismUpdate(99)))))
                .operationId();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.describeApplicationOperation(
                                        r -> r.applicationName(name).operationId(operationId))
                                .applicationOperationInfoDetails()
                                .operationStatus()
                        == OperationStatus.FAILED);
        assertThat(client.describeApplicationOperation(
                                r -> r.applicationName(name).operationId(operationId))
                        .applicationOperationInfoDetails()
                        .operationFailureDetails()
                        .errorInfo()
                        .errorString())
                .isEqualTo("Parallelism 99 is beyond the maximum of 8");
        assertThat(describe(client, name).applicationStatus()).isEqualTo(ApplicationStatus.READY);
        assertThat(engine.calls(name)).contains("cancel:" + name);
    }

    @Test
    void zipFileCodeIsKeptWithItsMd5AndGivenToTheEngineAsAJarFile() throws Exception {
        String name = uniqueName("jar");
        ApplicationDetail created = client.createApplication(r -> r.applicationName(name)
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(ROLE)
                        .applicationConfiguration(c ->
                                c.applicationCodeConfiguration(code -> code.codeContentType(CodeContentType.ZIPFILE)
                                        .codeContent(content -> content.zipFileContent(SdkBytes.fromByteArray(JAR))))))
                .applicationDetail();
        CodeContentDescription code = created.applicationConfigurationDescription()
                .applicationCodeConfigurationDescription()
                .codeContentDescription();
        assertThat(code.codeSize()).isEqualTo(JAR.length);
        assertThat(code.codeMD5())
                .isEqualTo(HexFormat.of()
                        .formatHex(
                                java.security.MessageDigest.getInstance("MD5").digest(JAR)));
        JobSpec.Jar jar = (JobSpec.Jar) engine.validated(name).get(0).code();
        assertThat(Files.readAllBytes(jar.file())).isEqualTo(JAR);

        Files.delete(jar.file()); // the local copy is a cache: PostgreSQL keeps the code
        client.startApplication(r -> r.applicationName(name));
        awaitStatus(client, name, ApplicationStatus.RUNNING);
        JobSpec.Jar started =
                (JobSpec.Jar) engine.lastSubmitted(name).orElseThrow().spec().code();
        assertThat(Files.readAllBytes(started.file())).isEqualTo(JAR);

        client.deleteApplication(r -> r.applicationName(name).createTimestamp(created.createTimestamp()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(started.file()));
    }

    @Test
    void aJarTheEngineRefusesLeavesNoLocalCopy() {
        String name = uniqueName("badjar");
        engine.refuseValidation(
                name,
                dev.shardline.platform.error.AwsErrorType.CODE_VALIDATION.exception(
                        "The JAR has no runnable main class."));
        assertThatThrownBy(() -> client.createApplication(r -> r.applicationName(name)
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(ROLE)
                        .applicationConfiguration(c ->
                                c.applicationCodeConfiguration(code -> code.codeContentType(CodeContentType.ZIPFILE)
                                        .codeContent(content -> content.zipFileContent(SdkBytes.fromByteArray(JAR)))))))
                .isInstanceOf(CodeValidationException.class)
                .hasMessageContaining("The JAR has no runnable main class.");
        JobSpec.Jar refused = (JobSpec.Jar) engine.validated(name).get(0).code();
        assertThat(refused.file()).doesNotExist();
    }

    @Test
    void s3CodeIsReadAtCreateAndAMissingObjectIsRefused() throws Exception {
        String bucket = uniqueName("code");
        s3.createBucket(r -> r.bucket(bucket));
        s3.putObject(
                r -> r.bucket(bucket).key("jobs/job.jar"), software.amazon.awssdk.core.sync.RequestBody.fromBytes(JAR));

        String name = uniqueName("s3");
        ApplicationDetail created = client.createApplication(r -> r.applicationName(name)
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(ROLE)
                        .applicationConfiguration(c -> c.applicationCodeConfiguration(code -> code.codeContentType(
                                        CodeContentType.ZIPFILE)
                                .codeContent(content -> content.s3ContentLocation(s ->
                                        s.bucketARN("arn:aws:s3:::" + bucket).fileKey("jobs/job.jar"))))))
                .applicationDetail();
        CodeContentDescription code = created.applicationConfigurationDescription()
                .applicationCodeConfigurationDescription()
                .codeContentDescription();
        assertThat(code.s3ApplicationCodeLocationDescription().fileKey()).isEqualTo("jobs/job.jar");
        assertThat(code.codeSize()).isEqualTo(JAR.length);
        JobSpec.Jar jar = (JobSpec.Jar) engine.validated(name).get(0).code();
        assertThat(Files.readAllBytes(jar.file())).isEqualTo(JAR);

        assertThatThrownBy(() -> client.updateApplication(r -> r.applicationName(name)
                        .currentApplicationVersionId(1L)
                        .applicationConfigurationUpdate(u ->
                                u.applicationCodeConfigurationUpdate(c -> c.codeContentUpdate(content ->
                                        content.s3ContentLocationUpdate(s -> s.fileKeyUpdate("jobs/missing.jar")))))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("jobs/missing.jar");
        assertThatThrownBy(() -> client.createApplication(r -> r.applicationName(uniqueName("s3"))
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(ROLE)
                        .applicationConfiguration(c ->
                                c.applicationCodeConfiguration(cc -> cc.codeContentType(CodeContentType.ZIPFILE)
                                        .codeContent(content -> content.s3ContentLocation(
                                                s -> s.bucketARN("arn:aws:s3:::no-such-bucket-x")
                                                        .fileKey("job.jar")))))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("no-such-bucket-x");
    }

    @Test
    void startingWithoutCodeIsAnInvalidConfiguration() {
        String name = uniqueName("nocode");
        client.createApplication(
                r -> r.applicationName(name).runtimeEnvironment(RUNTIME).serviceExecutionRole(ROLE));
        assertThatThrownBy(() -> client.startApplication(r -> r.applicationName(name)))
                .isInstanceOf(InvalidApplicationConfigurationException.class)
                .hasMessageContaining("no application code");
    }
}
