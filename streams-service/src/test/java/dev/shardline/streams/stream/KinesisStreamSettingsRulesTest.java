package dev.shardline.streams.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The aggregate's rules for changing a live stream's settings. */
class KinesisStreamSettingsRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final StreamRef REF = new StreamRef("000000000000", "us-east-1", "orders");

    private static KinesisStream activeStream() {
        KinesisStream stream = KinesisStream.create(REF, 1, StreamMode.PROVISIONED, 24, "t.", NOW);
        stream.markActive(NOW);
        return stream;
    }

    private static void assertError(Runnable action, AwsErrorType type, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(type))
                .hasMessage(message);
    }

    @Test
    void increasingRetentionPutsTheStreamInUpdatingUntilItIsMarkedActive() {
        KinesisStream stream = activeStream();

        assertThat(stream.increaseRetention(72, NOW.plusSeconds(1))).isTrue();

        assertThat(stream.retentionHours()).isEqualTo(72);
        assertThat(stream.status()).isEqualTo(StreamStatus.UPDATING);
        assertThat(stream.statusChangedAt()).isEqualTo(NOW.plusSeconds(1));
        stream.markActive(NOW.plusSeconds(2));
        assertThat(stream.status()).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void retentionOnlyMovesInTheDirectionTheActionNames() {
        KinesisStream stream = activeStream();
        stream.increaseRetention(72, NOW);
        stream.markActive(NOW);

        assertError(
                () -> stream.increaseRetention(48, NOW),
                AwsErrorType.INVALID_ARGUMENT,
                "Requested retention period (48 hours) for stream orders can not be shorter than existing retention "
                        + "period (72 hours). Use DecreaseRetentionPeriod API.");
        assertError(
                () -> stream.decreaseRetention(96, NOW),
                AwsErrorType.INVALID_ARGUMENT,
                "Requested retention period (96 hours) for stream orders can not be longer than existing retention "
                        + "period (72 hours). Use IncreaseRetentionPeriod API.");
        assertThat(stream.decreaseRetention(48, NOW)).isTrue();
        assertThat(stream.retentionHours()).isEqualTo(48);
    }

    @Test
    void retentionStaysBetweenADayAndAYear() {
        KinesisStream stream = activeStream();

        assertError(
                () -> stream.increaseRetention(23, NOW),
                AwsErrorType.INVALID_ARGUMENT,
                "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
        assertError(
                () -> stream.decreaseRetention(0, NOW),
                AwsErrorType.INVALID_ARGUMENT,
                "Minimum allowed retention period is 24 hours. Requested retention period (0 hours) is too short.");
        assertError(
                () -> stream.increaseRetention(8761, NOW),
                AwsErrorType.INVALID_ARGUMENT,
                "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too "
                        + "long.");
        assertThat(stream.increaseRetention(8760, NOW)).isTrue();
    }

    @Test
    void askingForTheCurrentValueChangesNothingAndLeavesTheStreamActive() {
        KinesisStream stream = activeStream();

        assertThat(stream.increaseRetention(24, NOW)).isFalse();
        assertThat(stream.decreaseRetention(24, NOW)).isFalse();
        assertThat(stream.updateMaxRecordSize(1024, NOW)).isFalse();
        assertThat(stream.disableMetrics(EnumSet.allOf(ShardLevelMetric.class), NOW))
                .isFalse();

        assertThat(stream.status()).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void onlyAnActiveStreamChangesItsSettings() {
        KinesisStream creating = KinesisStream.create(REF, 1, StreamMode.PROVISIONED, 24, "t.", NOW);

        assertError(
                () -> creating.increaseRetention(48, NOW),
                AwsErrorType.RESOURCE_IN_USE,
                "Stream orders under account 000000000000 not ACTIVE, instead in state CREATING");
        assertError(
                () -> creating.updateMaxRecordSize(2048, NOW),
                AwsErrorType.RESOURCE_IN_USE,
                "Stream orders under account 000000000000 not ACTIVE, instead in state CREATING");

        KinesisStream updating = activeStream();
        updating.increaseRetention(48, NOW);
        assertError(
                () -> updating.enableMetrics(Set.of(ShardLevelMetric.INCOMING_BYTES), NOW),
                AwsErrorType.RESOURCE_IN_USE,
                "Stream orders under account 000000000000 not ACTIVE, instead in state UPDATING");
        assertThat(updating.shardLevelMetrics()).isEmpty();
    }

    @Test
    void maxRecordSizeIsKeptInKibibytesWithinAwsRange() {
        KinesisStream stream = activeStream();
        assertThat(stream.maxRecordSizeKib()).isEqualTo(1024);

        assertThat(stream.updateMaxRecordSize(10240, NOW)).isTrue();

        assertThat(stream.maxRecordSizeKib()).isEqualTo(10240);
        assertThat(StreamView.of(stream).maxRecordSizeBytes()).isEqualTo(10 * 1024 * 1024);
        stream.markActive(NOW);
        assertThatThrownBy(() -> stream.updateMaxRecordSize(1023, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stream.updateMaxRecordSize(10241, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enablingAddsMetricsAndDisablingRemovesThem() {
        KinesisStream stream = activeStream();

        stream.enableMetrics(Set.of(ShardLevelMetric.OUTGOING_BYTES, ShardLevelMetric.INCOMING_BYTES), NOW);
        stream.markActive(NOW);
        stream.enableMetrics(Set.of(ShardLevelMetric.ITERATOR_AGE_MILLISECONDS), NOW);
        stream.markActive(NOW);

        assertThat(stream.shardLevelMetrics())
                .containsExactly(
                        ShardLevelMetric.INCOMING_BYTES,
                        ShardLevelMetric.OUTGOING_BYTES,
                        ShardLevelMetric.ITERATOR_AGE_MILLISECONDS);

        assertThat(stream.disableMetrics(
                        Set.of(ShardLevelMetric.INCOMING_BYTES, ShardLevelMetric.READ_PROVISIONED_THROUGHPUT_EXCEEDED),
                        NOW))
                .isTrue();
        assertThat(stream.shardLevelMetrics())
                .containsExactly(ShardLevelMetric.OUTGOING_BYTES, ShardLevelMetric.ITERATOR_AGE_MILLISECONDS);
        assertThat(StreamView.of(stream).shardLevelMetrics())
                .containsExactlyInAnyOrder(ShardLevelMetric.OUTGOING_BYTES, ShardLevelMetric.ITERATOR_AGE_MILLISECONDS);
    }
}
