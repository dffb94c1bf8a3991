package dev.shardline.firehose.pipeline;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each delivery stream's current delivery error, in PostgreSQL so that every instance's DescribeDeliveryStream shows
 * it whichever instance delivers. A failure upserts it (counting attempts); the next success removes it. Bookkeeping
 * never fails a delivery: a database hiccup here is logged and the delivery goes on.
 */
@Component
public class DeliveryErrors {

    private static final Logger log = LoggerFactory.getLogger(DeliveryErrors.class);
    private static final int MAX_MESSAGE = 2048;
    /** How long a success trusts that there is nothing to clear, before it deletes again (another instance's error). */
    private static final Duration CLEAN_RECHECK = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<UUID, Instant> cleanUntil = new ConcurrentHashMap<>();

    DeliveryErrors(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /** The stream's delivery error, if its latest delivery attempt failed. */
    public Optional<DeliveryError> current(UUID streamId) {
        return jdbc.sql("select error_code, message, first_failed_at, last_failed_at, attempts"
                        + " from firehose.delivery_error where delivery_stream_id = ?")
                .param(streamId)
                .query((rs, row) -> new DeliveryError(
                        rs.getString("error_code"),
                        rs.getString("message"),
                        rs.getObject("first_failed_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("last_failed_at", OffsetDateTime.class).toInstant(),
                        rs.getLong("attempts")))
                .optional();
    }

    void failed(DeliveryStreamView stream, DeliveryError error) {
        cleanUntil.remove(stream.id());
        String message =
                error.message().length() > MAX_MESSAGE ? error.message().substring(0, MAX_MESSAGE) : error.message();
        OffsetDateTime at = error.lastFailedAt().atOffset(ZoneOffset.UTC);
        try {
            jdbc.sql("insert into firehose.delivery_error"
                            + " (delivery_stream_id, error_code, message, first_failed_at, last_failed_at, attempts)"
                            + " values (?, ?, ?, ?, ?, 1)"
                            + " on conflict (delivery_stream_id) do update set error_code = excluded.error_code,"
                            + " message = excluded.message, last_failed_at = excluded.last_failed_at,"
                            + " attempts = firehose.delivery_error.attempts + 1")
                    .params(stream.id(), error.errorCode(), message, at, at)
                    .update();
        } catch (DataAccessException e) {
            // e.g. the stream was deleted meanwhile (foreign key): nothing left to describe
            log.debug("Recording the delivery error of {} failed", stream.ref().name(), e);
        }
    }

    void succeeded(DeliveryStreamView stream) {
        Instant now = clock.instant();
        Instant until = cleanUntil.get(stream.id());
        if (until != null && now.isBefore(until)) {
            return; // cleared a moment ago: a delete per batch would be a write per object for nothing
        }
        try {
            int cleared = jdbc.sql("delete from firehose.delivery_error where delivery_stream_id = ?")
                    .param(stream.id())
                    .update();
            if (cleared > 0) {
                log.info("Delivery of {} recovered", stream.ref().name());
            }
            cleanUntil.put(stream.id(), now.plus(CLEAN_RECHECK));
        } catch (DataAccessException e) {
            log.debug("Clearing the delivery error of {} failed", stream.ref().name(), e);
        }
    }
}
