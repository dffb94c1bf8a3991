package dev.shardline.analytics.application.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.analytics.AnalyticsIntegrationTest;
import dev.shardline.analytics.engine.JobSpec;
import dev.shardline.platform.error.AwsErrorType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.*;

/** CreateApplication, DescribeApplication, ListApplications and DeleteApplication through the AWS SDK. */
class AnalyticsApplicationApiTest extends AnalyticsIntegrationTest {

    private KinesisAnalyticsV2Client client;

    @BeforeEach
    void client() {
        client = analytics();
    }

    @Test
    void createdApplicationIsReadyAtVersionOneWithAwsDefaults() {
        String name = uniqueName("clicks");
        ApplicationDetail created = sqlApplication(client, name, false);

        assertThat(created.applicationARN())
                .isEqualTo("arn:aws:kinesisanalytics:us-east-1:000000000000:application/" + name);
        assertThat(created.applicationStatus()).isEqualTo(ApplicationStatus.READY);
        assertThat(created.applicationVersionId()).isEqualTo(1L);
        assertThat(created.runtimeEnvironmentAsString()).isEqualTo(RUNTIME);
        assertThat(created.serviceExecutionRole()).isEqualTo(ROLE);
        assertThat(created.conditionalToken()).isNotBlank();
        assertThat(created.createTimestamp()).isNotNull();

        ApplicationDetail described = describe(client, name);
        ApplicationConfigurationDescription config = described.applicationConfigurationDescription();
        assertThat(config.applicationCodeConfigurationDescription().codeContentType())
                .isEqualTo(CodeContentType.PLAINTEXT);
        assertThat(config.applicationCodeConfigurationDescription()
                        .codeContentDescription()
                        .textContent())
                .isEqualTo(SQL);
        CheckpointConfigurationDescription checkpoints =
                config.flinkApplicationConfigurationDescription().checkpointConfigurationDescription();
        assertThat(checkpoints.configurationType()).isEqualTo(ConfigurationType.DEFAULT);
        assertThat(checkpoints.checkpointingEnabled()).isTrue();
        assertThat(checkpoints.checkpointInterval()).isEqualTo(60_000L);
        assertThat(checkpoints.minPauseBetweenCheckpoints()).isEqualTo(5_000L);
        ParallelismConfigurationDescription parallelism =
                config.flinkApplicationConfigurationDescription().parallelismConfigurationDescription();
        assertThat(parallelism.parallelism()).isEqualTo(1);
        assertThat(parallelism.parallelismPerKPU()).isEqualTo(1);
        assertThat(parallelism.autoScalingEnabled()).isTrue();
        assertThat(config.applicationSnapshotConfigurationDescription().snapshotsEnabled())
                .isFalse();
        assertThat(config.runConfigurationDescription()
                        .applicationRestoreConfigurationDescription()
                        .applicationRestoreType())
                .isEqualTo(ApplicationRestoreType.RESTORE_FROM_LATEST_SNAPSHOT);
        assertThat(engine.validated(name)).hasSize(1);
    }

    @Test
    void customConfigurationAndEnvironmentPropertiesReachTheJob() {
        String name = uniqueName("custom");
        client.createApplication(r -> r.applicationName(name)
                .runtimeEnvironment(RUNTIME)
                .serviceExecutionRole(ROLE)
                .applicationConfiguration(c -> c.applicationCodeConfiguration(
                                code -> code.codeContentType(CodeContentType.PLAINTEXT)
                                        .codeContent(content -> content.textContent(SQL)))
                        .flinkApplicationConfiguration(
                                f -> f.checkpointConfiguration(cp -> cp.configurationType(ConfigurationType.CUSTOM)
                                                .checkpointingEnabled(true)
                                                .checkpointInterval(10_000L)
                                                .minPauseBetweenCheckpoints(1_000L))
                                        .parallelismConfiguration(p -> p.configurationType(ConfigurationType.CUSTOM)
                                                .parallelism(4)
                                                .parallelismPerKPU(2)
                                                .autoScalingEnabled(false)))
                        .environmentProperties(e -> e.propertyGroups(
                                PropertyGroup.builder()
                                        .propertyGroupId("ProducerConfigProperties")
                                        .propertyMap(Map.of("stream", "clicks", "aws.region", "us-east-1"))
                                        .build(),
                                PropertyGroup.builder()
                                        .propertyGroupId("Other")
                                        .propertyMap(Map.of("k", "v"))
                                        .build()))));

        JobSpec validated = engine.validated(name).get(0);
        assertThat(validated.parallelism()).isEqualTo(4);
        assertThat(validated.checkpointing())
                .isEqualTo(new JobSpec.Checkpointing(true, Duration.ofSeconds(10), Duration.ofSeconds(1)));
        assertThat(validated.propertyGroups())
                .containsEntry("ProducerConfigProperties", Map.of("stream", "clicks", "aws.region", "us-east-1"))
                .containsEntry("Other", Map.of("k", "v"));
        assertThat(validated.code()).isEqualTo(new JobSpec.Sql(SQL));
        assertThat(validated.checkpointDirectory()).startsWith("file:/").contains("/analytics/checkpoints/");

        ApplicationDetail described = describe(client, name);
        assertThat(described
                        .applicationConfigurationDescription()
                        .environmentPropertyDescriptions()
                        .propertyGroupDescriptions())
                .extracting(PropertyGroup::propertyGroupId)
                .containsExactly("ProducerConfigProperties", "Other");
        assertThat(described
                        .applicationConfigurationDescription()
                        .flinkApplicationConfigurationDescription()
                        .checkpointConfigurationDescription()
                        .checkpointInterval())
                .isEqualTo(10_000L);
    }

    @Test
    void onlyTheFlink22RuntimeIsAccepted() {
        assertThatThrownBy(() -> client.createApplication(r -> r.applicationName(uniqueName("old"))
                        .runtimeEnvironment("FLINK-1_20")
                        .serviceExecutionRole(ROLE)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("FLINK-1_20 is not supported");
    }

    @Test
    void aNameIsTakenUntilItsApplicationIsGone() {
        String name = uniqueName("twice");
        sqlApplication(client, name, false);
        assertThatThrownBy(() -> sqlApplication(client, name, false))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining(name);
    }

    @Test
    void codeTheEngineRefusesIsRefusedAtCreateWithTheEnginesMessage() {
        String name = uniqueName("broken");
        engine.refuseValidation(
                name, AwsErrorType.CODE_VALIDATION.exception("SQL parse failed. Encountered \"SELEC\""));
        assertThatThrownBy(() -> sqlApplication(client, name, false))
                .isInstanceOf(CodeValidationException.class)
                .hasMessageContaining("SQL parse failed");
        assertThatThrownBy(() -> describe(client, name)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void applicationsAreListedInNameOrderAPageAtATime() {
        KinesisAnalyticsV2Client own = analytics("222233334444");
        List<String> names = List.of("a-" + uniqueName("x"), "b-" + uniqueName("x"), "c-" + uniqueName("x"));
        names.forEach(n -> sqlApplication(own, n, false));

        ListApplicationsResponse first = own.listApplications(r -> r.limit(2));
        assertThat(first.applicationSummaries())
                .extracting(ApplicationSummary::applicationName)
                .containsExactly(names.get(0), names.get(1));
        assertThat(first.nextToken()).isEqualTo(names.get(1));
        assertThat(first.applicationSummaries().get(0).applicationARN())
                .isEqualTo("arn:aws:kinesisanalytics:us-east-1:222233334444:application/" + names.get(0));
        ListApplicationsResponse second = own.listApplications(r -> r.limit(2).nextToken(first.nextToken()));
        assertThat(second.applicationSummaries())
                .extracting(ApplicationSummary::applicationName)
                .containsExactly(names.get(2));
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void fiftyApplicationsPerAccountIsTheLimit() {
        KinesisAnalyticsV2Client own = analytics("333344445555");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "app-" + i;
            own.createApplication(
                    r -> r.applicationName(name).runtimeEnvironment(RUNTIME).serviceExecutionRole(ROLE));
            created.add(name);
        }
        assertThatThrownBy(() -> own.createApplication(r ->
                        r.applicationName("app-50").runtimeEnvironment(RUNTIME).serviceExecutionRole(ROLE)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("limit of 50");
        assertThat(created).hasSize(50);
    }

    @Test
    void deleteNeedsTheCreateTimestampAndThenTheApplicationIsGone() {
        String name = uniqueName("gone");
        ApplicationDetail created = sqlApplication(client, name, false);

        assertThatThrownBy(() -> client.deleteApplication(r -> r.applicationName(name)
                        .createTimestamp(created.createTimestamp().plusSeconds(1))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("CreateTimestamp");

        client.deleteApplication(r -> r.applicationName(name).createTimestamp(created.createTimestamp()));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThatThrownBy(() -> describe(client, name))
                        .isInstanceOf(ResourceNotFoundException.class)
                        .hasMessageContaining(name));
    }

    @Test
    void deletingARunningApplicationCancelsItsJob() {
        String name = uniqueName("running-gone");
        ApplicationDetail running = runningApplication(client, name, true);
        client.deleteApplication(r -> r.applicationName(name).createTimestamp(running.createTimestamp()));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThatThrownBy(() -> describe(client, name)).isInstanceOf(ResourceNotFoundException.class));
        assertThat(engine.calls(name)).contains("cancel:" + name).doesNotContain("stopWithSnapshot:" + name);
    }

    @Test
    void unknownApplicationsAreNotFound() {
        assertThatThrownBy(() -> describe(client, "no-such-app"))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((ResourceNotFoundException) e)
                                .awsErrorDetails()
                                .errorMessage())
                        .isEqualTo("Application no-such-app is not found."));
        assertThatThrownBy(() -> client.deleteApplication(
                        r -> r.applicationName("no-such-app").createTimestamp(Instant.now())))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
