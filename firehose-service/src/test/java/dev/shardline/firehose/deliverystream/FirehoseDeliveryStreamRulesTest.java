package dev.shardline.firehose.deliverystream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Encryption;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.destination.s3.S3Destination;
import dev.shardline.firehose.destination.s3.S3Target;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delivery stream aggregate's rules for destination updates, tags and encryption, without a database. */
class FirehoseDeliveryStreamRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static DeliveryStream creating() {
        return DeliveryStream.create(
                new DeliveryStreamRef("000000000000", "us-east-1", "rules"),
                new Source.DirectPut(),
                S3Destination.of(
                        new S3Target("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::b", "", "", null, null)),
                "t.",
                NOW);
    }

    private static DeliveryStream active() {
        DeliveryStream stream = creating();
        stream.markActive(NOW);
        return stream;
    }

    private static AwsErrorType errorOf(Runnable call) {
        try {
            call.run();
        } catch (AwsException e) {
            return e.errorType();
        }
        throw new AssertionError("no AwsException");
    }

    @Test
    void aDestinationUpdateNeedsAnActiveStreamItsCurrentVersionAndItsDestinationId() {
        assertThat(errorOf(() -> creating().checkDestinationUpdate("1", DeliveryStreamView.DESTINATION_ID)))
                .isEqualTo(AwsErrorType.RESOURCE_IN_USE);
        DeliveryStream stream = active();
        stream.checkDestinationUpdate("1", DeliveryStreamView.DESTINATION_ID);
        stream.checkDestinationUpdate("0001", DeliveryStreamView.DESTINATION_ID); // the same number
        assertThat(errorOf(() -> stream.checkDestinationUpdate("2", DeliveryStreamView.DESTINATION_ID)))
                .isEqualTo(AwsErrorType.CONCURRENT_MODIFICATION);
        assertThat(errorOf(() -> stream.checkDestinationUpdate("1", "destinationId-000000000002")))
                .isEqualTo(AwsErrorType.INVALID_ARGUMENT);

        stream.replaceDestination(stream.destination(), NOW.plusSeconds(1));

        assertThat(stream.view().versionId()).isEqualTo(2);
        assertThat(stream.view().updatedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(errorOf(() -> stream.checkDestinationUpdate("1", DeliveryStreamView.DESTINATION_ID)))
                .isEqualTo(AwsErrorType.CONCURRENT_MODIFICATION);
    }

    @Test
    void aStreamHoldsAtMostFiftyTagsAndOverwritingOneDoesNotCount() {
        DeliveryStream stream = active();
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        stream.tag(fifty);
        stream.tag(Map.of("k0", "changed"));
        assertThat(stream.tags()).hasSize(50).containsEntry("k0", "changed");

        assertThatThrownBy(() -> stream.tag(Map.of("k50", "v")))
                .isInstanceOf(AwsException.class)
                .hasMessageContaining("limit of 50 tags");
        assertThat(stream.tags()).hasSize(50).doesNotContainKey("k50");
        stream.untag(List.of("k1", "missing"));
        stream.tag(Map.of("k50", "v"));
        assertThat(stream.tags()).hasSize(50).containsKey("k50");
    }

    @Test
    void encryptionGoesThroughEnablingAndDisablingAndSealsRecordsOnlyWhileOn() {
        DeliveryStream stream = active();
        assertThat(stream.encryption()).isEqualTo(Encryption.DISABLED);

        stream.startEncryption(Encryption.AWS_OWNED_CMK, null, NOW);
        assertThat(stream.encryption().status()).isEqualTo(Encryption.Status.ENABLING);
        assertThat(stream.encryption().encryptsRecords()).isTrue();
        assertThat(stream.settleEncryption(NOW)).isTrue();
        assertThat(stream.encryption().status()).isEqualTo(Encryption.Status.ENABLED);
        assertThat(stream.settleEncryption(NOW)).isFalse();

        stream.stopEncryption(NOW);
        assertThat(stream.encryption().status()).isEqualTo(Encryption.Status.DISABLING);
        assertThat(stream.encryption().encryptsRecords()).isFalse();
        stream.settleEncryption(NOW);
        assertThat(stream.encryption()).isEqualTo(Encryption.DISABLED);
    }

    @Test
    void encryptionRequestedAtCreationIsEnabledWhenTheStreamTurnsActive() {
        DeliveryStream stream = creating();
        stream.startEncryption(Encryption.CUSTOMER_MANAGED_CMK, "arn:aws:kms:us-east-1:000000000000:key/k", NOW);
        stream.markActive(NOW);
        assertThat(stream.encryption())
                .isEqualTo(new Encryption(
                        Encryption.Status.ENABLED,
                        Encryption.CUSTOMER_MANAGED_CMK,
                        "arn:aws:kms:us-east-1:000000000000:key/k"));
    }
}
