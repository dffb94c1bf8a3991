package dev.shardline.firehose.destination.http;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.Delivered;
import dev.shardline.firehose.pipeline.DestinationException;
import dev.shardline.firehose.pipeline.DestinationWriter;
import dev.shardline.firehose.pipeline.PendingBatch;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The HTTP endpoint destination: POSTs a batch in requests of at most the buffering size, retries failed requests
 * with exponential backoff until RetryOptions.DurationInSeconds has passed since their first failure (a 413 is not
 * retried), then writes their records to the S3 backup as {@code http-endpoint-failed}; the batch then counts as
 * delivered.
 *
 * <p>Retries run on the delivery worker's thread, a plain loop of sleeps: simple, and the worker's other partitions
 * wait meanwhile. One call blocks at most about {@code shardline.firehose.http.max-blocking} (plus one request's
 * timeout), which bounds how long its other partitions and a stop wait; a
 * longer retry period hands the batch back to the worker, which delivers it again later, and each request resumes its
 * schedule from {@link RetryStates}. An interrupt hands the batch back at once.
 */
@Component
class HttpEndpointWriter implements DestinationWriter<HttpEndpointDestination> {

    static final String HTTP_ENDPOINT_FAILED = "http-endpoint-failed";

    private static final Logger log = LoggerFactory.getLogger(HttpEndpointWriter.class);

    private final EndpointCaller caller;
    private final HttpBackup backup;
    private final FirehoseProperties.Http properties;
    private final Clock clock;
    private final RetryStates retries = new RetryStates();

    HttpEndpointWriter(EndpointCaller caller, HttpBackup backup, FirehoseProperties properties, Clock clock) {
        this.caller = caller;
        this.backup = backup;
        this.properties = properties.http();
        this.clock = clock;
    }

    @Override
    public Class<HttpEndpointDestination> destinationType() {
        return HttpEndpointDestination.class;
    }

    @Override
    public String metricName() {
        return "HttpEndpoint";
    }

    @Override
    public Delivered write(
            DeliveryStreamView stream,
            HttpEndpointDestination destination,
            PendingBatch batch,
            ProcessedBatch processed) {
        if (destination.backsUpAllData()) {
            backup.allData(stream, destination.s3(), batch);
        }
        Instant started = clock.instant();
        List<EndpointRequest> requests = EndpointRequest.split(
                stream,
                batch.partition(),
                processed.delivered(),
                destination.buffering().sizeBytes());
        List<HttpBackup.ErrorRecord> undelivered = new ArrayList<>();
        Set<BufferedRecord> undeliveredSources = new LinkedHashSet<>();
        List<ProcessedBatch.Output> delivered = new ArrayList<>();
        for (EndpointRequest request : requests) {
            RetryStates.State state = deliver(stream, destination, request, started);
            if (state.delivered) {
                delivered.addAll(request.records());
            } else {
                for (ProcessedBatch.Output record : request.records()) {
                    undeliveredSources.add(record.source());
                    undelivered.add(errorRecord(
                            record.source().arrival(),
                            record.data(),
                            state.attempts,
                            state.last.errorCode(),
                            state.last.errorMessage(),
                            state.lastEnded));
                }
            }
        }
        backup.processingFailed(stream, destination, batch, processed.failed(), started);
        if (!undelivered.isEmpty()) {
            backup.undelivered(stream, destination.s3(), batch, undelivered, List.copyOf(undeliveredSources));
        }
        retries.forget(requests.stream().map(EndpointRequest::requestId).toList(), clock.instant());
        return Delivered.of(delivered, undelivered.isEmpty());
    }

    /** Attempts the request until it is delivered or has failed for good; throws to be called again later. */
    private RetryStates.State deliver(
            DeliveryStreamView stream, HttpEndpointDestination destination, EndpointRequest request, Instant started) {
        RetryStates.State state = retries.get(request.requestId(), clock.instant());
        Duration retryDuration = Duration.ofSeconds(destination.retryDurationSeconds());
        while (!state.delivered && !failedForGood(state, retryDuration)) {
            waitForNextAttempt(state, started);
            Attempt attempt = attempt(stream, destination, request, state);
            Instant now = clock.instant();
            state.attempts++;
            state.last = attempt;
            state.lastEnded = now;
            if (attempt.delivered()) {
                state.delivered = true;
                break;
            }
            if (state.firstFailure == null) {
                state.firstFailure = now;
                state.backoff = properties.retryBackoff();
            } else {
                state.backoff = min(state.backoff.multipliedBy(2), properties.maxRetryBackoff());
            }
            state.nextAttempt = now.plus(attempt.permanent() ? Duration.ZERO : state.backoff);
            log.debug(
                    "Request {} to {} failed (attempt {}): {} {}",
                    request.requestId(),
                    destination.url(),
                    state.attempts,
                    attempt.errorCode(),
                    attempt.errorMessage());
        }
        return state;
    }

    /** 413, or the retry period since the first failure is over (no retry at all with a duration of 0). */
    private static boolean failedForGood(RetryStates.State state, Duration retryDuration) {
        if (state.last == null || state.last.delivered()) {
            return false;
        }
        return state.last.permanent() || !state.nextAttempt.isBefore(state.firstFailure.plus(retryDuration));
    }

    /**
     * Sleeps until the request's next attempt is due, or hands the batch back when that would block the worker longer
     * than max-blocking; a new request is not started after max-blocking either (the requests delivered so far are
     * remembered, so each call makes progress).
     */
    private void waitForNextAttempt(RetryStates.State state, Instant started) {
        Duration budget = properties.maxBlocking().minus(Duration.between(started, clock.instant()));
        if (state.nextAttempt == null) {
            if (budget.isNegative()) {
                throw new RetryLaterException("Delivering the batch took longer than " + properties.maxBlocking());
            }
            return;
        }
        Duration wait = Duration.between(clock.instant(), state.nextAttempt);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wait.compareTo(budget) > 0) {
            throw new RetryLaterException(state.last);
        }
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException(state.last);
        }
    }

    private Attempt attempt(
            DeliveryStreamView stream,
            HttpEndpointDestination destination,
            EndpointRequest request,
            RetryStates.State state) {
        try {
            return caller.call(stream, destination, request, state.timestamp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException(state.last);
        }
    }

    private static HttpBackup.ErrorRecord errorRecord(
            Instant arrival, byte[] data, int attempts, String errorCode, String errorMessage, Instant ended) {
        return new HttpBackup.ErrorRecord(
                attempts,
                arrival.toEpochMilli(),
                errorCode,
                errorMessage,
                ended.toEpochMilli(),
                Base64.getEncoder().encodeToString(data));
    }

    private static final String INTERNAL_ERROR = "HttpEndpoint.InternalError";

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The batch goes back to the delivery worker, which delivers it again after its retry backoff. It carries the last
     * attempt's error code and message, so that DescribeDeliveryStream's FailureDescription says why.
     */
    static final class RetryLaterException extends DestinationException {

        RetryLaterException(Attempt last) {
            super(
                    last == null ? INTERNAL_ERROR : last.errorCode(),
                    (last == null ? "Delivery was interrupted" : last.errorMessage())
                            + "; the batch is delivered again");
        }

        RetryLaterException(String why) {
            super(INTERNAL_ERROR, why + "; the batch is delivered again");
        }

        /** No stack trace: the worker logs this expected hand-back at every retry. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
