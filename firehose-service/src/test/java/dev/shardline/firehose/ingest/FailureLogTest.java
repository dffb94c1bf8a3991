package dev.shardline.firehose.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A destination that fails at every retry for minutes leaves a few log lines, not one stack trace per retry. */
class FailureLogTest {

    private static final Duration RETRY = Duration.ofSeconds(2);

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final StepClock clock = new StepClock();
    private FailureLog failures;

    @BeforeEach
    void logger() {
        Logger logger = new LoggerContext().getLogger("delivery");
        logger.setLevel(Level.INFO);
        lines.setContext(logger.getLoggerContext());
        lines.start();
        logger.addAppender(lines);
        failures = new FailureLog(logger, "Delivery of clicks (partition 0)", clock, Duration.ofMinutes(1));
    }

    @Test
    void theFirstFailureInFullThenOneSummaryAMinuteThenTheRecovery() {
        for (int i = 0; i < 90; i++) { // three minutes of a failure every 2 s
            failures.failed(
                    "delivering 5 records from offset 7",
                    new IllegalStateException("attempt " + i + " " + "x".repeat(10_000)),
                    RETRY);
            clock.advance(RETRY);
        }
        failures.succeeded();

        assertThat(lines.list).hasSize(4);
        ILoggingEvent first = lines.list.get(0);
        assertThat(first.getLevel()).isEqualTo(Level.WARN);
        assertThat(first.getThrowableProxy()).isNotNull();
        assertThat(first.getFormattedMessage()).contains("Delivery of clicks (partition 0)", "retrying every PT2S");

        ILoggingEvent summary = lines.list.get(1);
        assertThat(summary.getLevel()).isEqualTo(Level.WARN);
        assertThat(summary.getThrowableProxy()).isNull();
        assertThat(summary.getFormattedMessage())
                .contains("30 more failures in the last 60 s (31 in all)", "attempt 30 ")
                .hasSizeLessThan(600);
        assertThat(lines.list.get(2).getFormattedMessage()).contains("30 more failures", "(61 in all)", "attempt 60 ");

        ILoggingEvent recovered = lines.list.get(3);
        assertThat(recovered.getLevel()).isEqualTo(Level.INFO);
        assertThat(recovered.getFormattedMessage()).contains("succeeds again after 90 failures");
    }

    @Test
    void aFailureAfterARecoveryIsLoggedInFullAgain() {
        failures.failed("delivering", new IllegalStateException("down"), RETRY);
        failures.failed("delivering", new IllegalStateException("down"), RETRY);
        failures.succeeded();
        failures.succeeded();
        failures.failed("delivering", new IllegalStateException("down again"), RETRY);

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO, Level.WARN);
        assertThat(lines.list.get(2).getThrowableProxy().getMessage()).isEqualTo("down again");
    }

    private static final class StepClock extends Clock {

        private Instant now = Instant.parse("2026-12-03T12:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
