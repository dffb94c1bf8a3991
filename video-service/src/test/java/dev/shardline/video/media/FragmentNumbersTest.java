package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FragmentNumbersTest {

    @Test
    void fragmentNumbersHave47DigitsAndOrderByArrival() {
        Instant now = Instant.parse("2026-12-03T14:00:00Z");
        String first = FragmentNumbers.of(now, 41);
        String sameMillisecond = FragmentNumbers.of(now, 42);
        String later = FragmentNumbers.of(now.plusMillis(1), 1);

        assertThat(first).matches("\\d{47}");
        assertThat(later).matches("\\d{47}");
        assertThat(first).isLessThan(sameMillisecond);
        assertThat(sameMillisecond).isLessThan(later);
        assertThat(FragmentNumbers.of(Instant.parse("2100-01-01T00:00:00Z"), Long.MAX_VALUE))
                .hasSize(47);
    }
}
