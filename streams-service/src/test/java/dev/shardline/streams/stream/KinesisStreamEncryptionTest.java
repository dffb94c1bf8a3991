package dev.shardline.streams.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KinesisStreamEncryptionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final StreamRef REF = new StreamRef("000000000000", "us-east-1", "orders");

    private static KinesisStream activeStream() {
        KinesisStream stream = KinesisStream.create(REF, 1, StreamMode.PROVISIONED, 24, "t.", NOW);
        stream.markActive(NOW);
        return stream;
    }

    @Test
    void aNewStreamIsNotEncrypted() {
        KinesisStream stream = activeStream();

        assertThat(stream.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(stream.keyId()).isNull();
    }

    @Test
    void startingEncryptionStoresTheKeyAndMakesTheStreamUpdatingUntilItIsActiveAgain() {
        KinesisStream stream = activeStream();

        stream.changeEncryption(EncryptionType.KMS, "alias/aws/kinesis", NOW.plusSeconds(1));

        assertThat(stream.status()).isEqualTo(StreamStatus.UPDATING);
        assertThat(stream.statusChangedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(stream.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(stream.keyId()).isEqualTo("alias/aws/kinesis");
        stream.markActive(NOW.plusSeconds(2));
        assertThat(stream.status()).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void stoppingEncryptionForgetsTheKey() {
        KinesisStream stream = activeStream();
        stream.changeEncryption(EncryptionType.KMS, "alias/aws/kinesis", NOW);
        stream.markActive(NOW);

        stream.changeEncryption(EncryptionType.NONE, "alias/aws/kinesis", NOW);

        assertThat(stream.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(stream.keyId()).isNull();
        assertThat(stream.status()).isEqualTo(StreamStatus.UPDATING);
    }

    @Test
    void onlyAnActiveStreamChangesItsEncryption() {
        KinesisStream stream = activeStream();
        stream.changeEncryption(EncryptionType.KMS, "alias/aws/kinesis", NOW);

        assertThatThrownBy(() -> stream.changeEncryption(EncryptionType.NONE, null, NOW))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.RESOURCE_IN_USE))
                .hasMessage("Stream orders under account 000000000000 not ACTIVE, instead in state UPDATING");
        KinesisStream creating = KinesisStream.create(REF, 1, StreamMode.PROVISIONED, 24, "t.", NOW);
        assertThatThrownBy(() -> creating.changeEncryption(EncryptionType.KMS, "k", NOW))
                .isInstanceOf(AwsException.class);
        assertThat(stream.encryptionType()).isEqualTo(EncryptionType.KMS);
    }
}
