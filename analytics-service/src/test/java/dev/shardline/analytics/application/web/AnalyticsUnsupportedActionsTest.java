package dev.shardline.analytics.application.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.analytics.AnalyticsIntegrationTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.*;

/** The model's actions that a Flink application on Shardline has no use for, and the features it lacks. */
class AnalyticsUnsupportedActionsTest extends AnalyticsIntegrationTest {

    @Test
    void sqlOnlyActionsAreInvalidForAFlinkApplication() {
        KinesisAnalyticsV2Client client = analytics();
        String name = uniqueName("flink");
        sqlApplication(client, name, false);
        assertThatThrownBy(() -> client.addApplicationOutput(r -> r.applicationName(name)
                        .currentApplicationVersionId(1L)
                        .output(o -> o.name("OUT")
                                .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))
                                .kinesisStreamsOutput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:0:stream/s")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("SQL-1_0 applications only");
        assertThatThrownBy(() -> client.addApplicationOutput(r -> r.applicationName("no-such-app")
                        .currentApplicationVersionId(1L)
                        .output(o -> o.name("OUT")
                                .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON))
                                .kinesisStreamsOutput(k -> k.resourceARN("arn:aws:kinesis:us-east-1:0:stream/s")))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void vpcLoggingMaintenanceAndSchemaDiscoveryAreUnsupported() {
        KinesisAnalyticsV2Client client = analytics();
        String name = uniqueName("vpc");
        sqlApplication(client, name, false);
        assertThatThrownBy(() -> client.addApplicationVpcConfiguration(r -> r.applicationName(name)
                        .currentApplicationVersionId(1L)
                        .vpcConfiguration(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1"))))
                .isInstanceOf(
                        software.amazon.awssdk.services.kinesisanalyticsv2.model.UnsupportedOperationException.class);
        assertThatThrownBy(() -> client.addApplicationCloudWatchLoggingOption(r -> r.applicationName(name)
                        .currentApplicationVersionId(1L)
                        .cloudWatchLoggingOption(o -> o.logStreamARN("arn:aws:logs:us-east-1:0:log-group:g"))))
                .isInstanceOf(
                        software.amazon.awssdk.services.kinesisanalyticsv2.model.UnsupportedOperationException.class);
        assertThatThrownBy(() -> client.discoverInputSchema(r -> r.serviceExecutionRole(ROLE)))
                .isInstanceOf(
                        software.amazon.awssdk.services.kinesisanalyticsv2.model.UnsupportedOperationException.class);
        assertThatThrownBy(() -> client.createApplication(r -> r.applicationName(uniqueName("studio"))
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(ROLE)
                        .applicationMode(ApplicationMode.INTERACTIVE)))
                .isInstanceOf(
                        software.amazon.awssdk.services.kinesisanalyticsv2.model.UnsupportedOperationException.class);
        assertThatThrownBy(() -> client.createApplication(r -> r.applicationName(uniqueName("vpc"))
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(ROLE)
                        .applicationConfiguration(c ->
                                c.vpcConfigurations(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1")))))
                .isInstanceOf(
                        software.amazon.awssdk.services.kinesisanalyticsv2.model.UnsupportedOperationException.class)
                .hasMessageContaining("VpcConfigurations");
    }
}
