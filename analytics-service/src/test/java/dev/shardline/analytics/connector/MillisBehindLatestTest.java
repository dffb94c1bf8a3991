package dev.shardline.analytics.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MillisBehindLatestTest {

    private final MillisBehindLatest behind = new MillisBehindLatest();

    @Test
    void isMinusOneBeforeAnyShardWasRead() {
        assertThat(behind.value()).isEqualTo(-1);
    }

    @Test
    void aShardWithRecordsStillBehindTheReaderIsBehindByTheAgeOfTheLastRecordRead() {
        behind.update(0, 10_000, 500, 12_500);

        assertThat(behind.value()).isEqualTo(2_500);
    }

    @Test
    void aShardReadToItsTipIsNotBehindHowEverOldItsLastRecord() {
        behind.update(0, 10_000, 0, 60_000);

        assertThat(behind.value()).isZero();
    }

    @Test
    void aPollWithoutRecordsOrLagKeepsWhatWasKnownAndTheReaderShowsItsFurthestBehindShard() {
        behind.update(0, 10_000, 7, 11_000);
        behind.update(1, 10_000, 3, 14_000);
        behind.update(1, -1, -1, 20_000);

        assertThat(behind.value()).isEqualTo(4_000);

        behind.finished(1);
        assertThat(behind.value()).isEqualTo(1_000);
    }
}
