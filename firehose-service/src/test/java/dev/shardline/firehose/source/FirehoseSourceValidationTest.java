package dev.shardline.firehose.source;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.firehose.FirehoseIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Connectivity;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;

/** CreateDeliveryStream's source members are checked as AWS checks them, before anything is created. */
class FirehoseSourceValidationTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose();
    }

    @Test
    void kinesisSourceIsRefusedWhenTheStreamCatalogueDoesNotKnowTheStream() {
        assertThatThrownBy(() -> create(r -> r.deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                        .kinesisStreamSourceConfiguration(
                                k -> k.kinesisStreamARN(STREAM_ARN).roleARN(ROLE))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Stream orders under account 000000000000 not found.");
    }

    @Test
    void sourceMembersViolatingTheApiModelAreValidationErrors() {
        assertThatThrownBy(() -> create(r -> r.deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                        .kinesisStreamSourceConfiguration(
                                k -> k.kinesisStreamARN("orders").roleARN("not-a-role"))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("2 validation errors detected")
                .hasMessageContaining("Value 'orders' at 'kinesisStreamSourceConfiguration.kinesisStreamARN' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern")
                .hasMessageContaining("at 'kinesisStreamSourceConfiguration.roleARN'");
        assertThatThrownBy(() -> create(r -> r.deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                        .mskSourceConfiguration(m -> m.mskClusterARN("arn:aws:kafka:us-east-1:000000000000:cluster/c/1")
                                .topicName("bad topic!")
                                .authenticationConfiguration(
                                        a -> a.roleARN(ROLE).connectivity("SOMETIMES")))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value 'bad topic!' at 'mSKSourceConfiguration.topicName'")
                .hasMessageContaining("Value 'SOMETIMES' at 'mSKSourceConfiguration.authenticationConfiguration."
                        + "connectivity' failed to satisfy constraint: Member must satisfy enum value set");
    }

    @Test
    void aSourceConfigurationMustMatchTheDeliveryStreamType() {
        assertThatThrownBy(() -> create(r -> r.deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("MSKSourceConfiguration is required when DeliveryStreamType is MSKAsSource.");
        assertThatThrownBy(() -> create(r -> r.kinesisStreamSourceConfiguration(
                        k -> k.kinesisStreamARN(STREAM_ARN).roleARN(ROLE))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("KinesisStreamSourceConfiguration is only allowed when DeliveryStreamType is "
                        + "KinesisStreamAsSource.");
        assertThatThrownBy(() -> create(r -> r.deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                        .mskSourceConfiguration(m -> m.mskClusterARN("arn:aws:kafka:us-east-1:000000000000:cluster/c/1")
                                .topicName("t")
                                .authenticationConfiguration(
                                        a -> a.roleARN(ROLE).connectivity(Connectivity.PUBLIC)))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("MSKSourceConfiguration is only allowed when DeliveryStreamType is MSKAsSource.");
    }

    private void create(java.util.function.Consumer<CreateDeliveryStreamRequest.Builder> source) {
        firehose.createDeliveryStream(r -> {
            r.deliveryStreamName(uniqueName("source"))
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"));
            source.accept(r);
        });
    }
}
