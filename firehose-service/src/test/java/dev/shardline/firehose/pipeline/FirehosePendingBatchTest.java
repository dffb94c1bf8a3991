package dev.shardline.firehose.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FirehosePendingBatchTest {

    private static final Instant OPENED = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void isFullOnceItHoldsTheSizeHint() {
        PendingBatch batch = new PendingBatch(0, 10, OPENED, OPENED, 100, Duration.ofSeconds(300));
        batch.add(record(10, 60));
        assertThat(batch.isFull()).isFalse();
        batch.add(record(11, 40));
        assertThat(batch.isFull()).isTrue();
        assertThat(batch.firstOffset()).isEqualTo(10);
        assertThat(batch.lastOffset()).isEqualTo(11);
        assertThat(batch.sizeBytes()).isEqualTo(100);
    }

    @Test
    void isDueOnceTheIntervalHasPassedSinceItWasOpenedWhateverItsSize() {
        PendingBatch batch = new PendingBatch(0, 0, OPENED.minusSeconds(3600), OPENED, 100, Duration.ofSeconds(60));
        batch.add(record(0, 1));
        assertThat(batch.isDue(OPENED.plusSeconds(59))).isFalse();
        assertThat(batch.isDue(OPENED.plusSeconds(60))).isTrue();
        assertThat(batch.dueAt()).isEqualTo(OPENED.plusSeconds(60));
    }

    @Test
    void aZeroIntervalIsDueAtOnce() {
        PendingBatch batch = new PendingBatch(0, 0, OPENED, OPENED, 100, Duration.ZERO);
        assertThat(batch.isDue(OPENED)).isTrue();
    }

    private static BufferedRecord record(long offset, int size) {
        return new BufferedRecord(0, offset, OPENED, new byte[size], null);
    }
}
