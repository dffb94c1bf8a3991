package dev.shardline.firehose.ingest;

import dev.shardline.firehose.pipeline.LogValues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The repeated failures of one partition's deliveries in the log, which would otherwise take a WARN line and a stack
 * trace at every retry (a destination that is down for an hour): the first failure in full, then at most one summary
 * line per {@code every} with how many failures there were since and the last one's message, cut to a bound, and one
 * line when delivery succeeds again.
 */
final class FailureLog {

    private final Logger log;
    private final String subject;
    private final Clock clock;
    private final Duration every;
    private boolean failing;
    private long total;
    private long unreported;
    private Instant lastLine;
    private String lastFailure;

    /**
     * @param subject what fails, e.g. "Delivery of clicks (partition 0)"
     * @param every the least time between two lines about the same run of failures
     */
    FailureLog(Logger log, String subject, Clock clock, Duration every) {
        this.log = log;
        this.subject = subject;
        this.clock = clock;
        this.every = every;
    }

    /** One more failure: {@code what} happened, as {@code failure} says, and is retried after {@code retryIn}. */
    void failed(String what, Throwable failure, Duration retryIn) {
        Instant now = clock.instant();
        total++;
        if (!failing) {
            failing = true;
            lastLine = now;
            log.warn(
                    "{}: {} failed; retrying every {}, further failures summed up every {}",
                    subject,
                    what,
                    retryIn,
                    every,
                    failure);
            return;
        }
        unreported++;
        lastFailure = what + ": " + LogValues.describe(failure);
        if (Duration.between(lastLine, now).compareTo(every) >= 0) {
            log.warn(
                    "{} still fails: {} more failures in the last {} s ({} in all); the last: {}",
                    subject,
                    unreported,
                    Duration.between(lastLine, now).toSeconds(),
                    total,
                    lastFailure);
            unreported = 0;
            lastLine = now;
        }
    }

    /** A delivery succeeded: a run of failures, if any, is over. */
    void succeeded() {
        if (failing) {
            log.info("{} succeeds again after {} failures", subject, total);
            failing = false;
            total = 0;
            unreported = 0;
        }
    }
}
