package dev.shardline.streams.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KinesisStreamTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final StreamRef REF = new StreamRef("000000000000", "us-east-1", "orders");

    private static KinesisStream newStream() {
        return KinesisStream.create(REF, 3, StreamMode.PROVISIONED, 24, "t.", NOW);
    }

    @Test
    void aNewStreamIsCreatingWithItsKeySpaceDividedAmongItsShards() {
        KinesisStream stream = newStream();

        assertThat(stream.status()).isEqualTo(StreamStatus.CREATING);
        assertThat(stream.shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(stream.topic()).isEqualTo("t." + stream.id());
        assertThat(stream.openShardCount()).isEqualTo(3);
    }

    @Test
    void aStreamStillCreatingCannotBeDeleted() {
        KinesisStream stream = newStream();

        assertThatThrownBy(() -> stream.beginDelete(NOW))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.RESOURCE_IN_USE))
                .hasMessage("Stream orders under account 000000000000 not ACTIVE, instead in state CREATING");
    }

    @Test
    void anActiveStreamIsDeletedOnceOnly() {
        KinesisStream stream = newStream();
        stream.markActive(NOW);

        stream.beginDelete(NOW.plusSeconds(1));

        assertThat(stream.status()).isEqualTo(StreamStatus.DELETING);
        assertThat(stream.statusChangedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThatThrownBy(() -> stream.beginDelete(NOW)).isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> stream.markActive(NOW)).isInstanceOf(AwsException.class);
    }
}
