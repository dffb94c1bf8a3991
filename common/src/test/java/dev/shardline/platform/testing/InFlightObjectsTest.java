package dev.shardline.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightObjectsTest {

    private static final String OBJECT =
            "2026/11/26/03/clicks-1-2026-11-26-03-01-02-6f1c8c34-94a2-3f0e-9d43-4a1b5c2d7e8f";

    @Test
    void aFirehoseObjectNameIsNotInFlightWithOrWithoutAnExtension() {
        assertThat(InFlightObjects.isInFlight(OBJECT)).isFalse();
        assertThat(InFlightObjects.isInFlight(OBJECT + ".gz")).isFalse();
    }

    @Test
    void theTemporaryFileOfAnObjectIsInFlight() {
        String temporary = "-0b7f2f8e-1d7c-4a57-a8d9-2c4e6f8a0b1c";
        assertThat(InFlightObjects.isInFlight(OBJECT + temporary)).isTrue();
        assertThat(InFlightObjects.isInFlight(OBJECT + ".json.gz" + temporary)).isTrue();
    }
}
