package dev.shardline.firehose.ingest;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.FirehoseMetrics;
import dev.shardline.firehose.pipeline.RecordIds;
import dev.shardline.platform.error.AwsErrorType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes accepted records to their delivery stream's buffer topic and answers only once the broker acknowledged them
 * (acks=all), so a record PutRecord accepted survives any crash. The Kafka timestamp is the record's arrival time.
 */
@Component
public class RecordBuffer {

    private static final Logger log = LoggerFactory.getLogger(RecordBuffer.class);
    private static final long ACK_TIMEOUT_SECONDS = 30;
    private static final String UNAVAILABLE = "The record was not buffered: the buffer is unavailable. Retry it.";

    private final FirehoseKafka kafka;
    private final BufferCodec codec;
    private final Clock clock;
    private final FirehoseMetrics metrics;

    RecordBuffer(FirehoseKafka kafka, BufferCodec codec, Clock clock, FirehoseMetrics metrics) {
        this.kafka = kafka;
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The outcome of one record of a batch: its RecordId, or why it was not accepted. */
    public record Outcome(String recordId, String errorCode, String errorMessage) {}

    /** Buffers one record and returns its RecordId; a broker that does not acknowledge gives ServiceUnavailable. */
    public String put(DeliveryStreamView stream, byte[] data) {
        Outcome outcome = putAll(stream, List.of(data)).get(0);
        if (outcome.recordId() == null) {
            throw AwsErrorType.SERVICE_UNAVAILABLE.exception(outcome.errorMessage());
        }
        return outcome.recordId();
    }

    /**
     * Buffers every record, all in flight at once, and reports each one's outcome in order; sealed while the stream's
     * encryption is on (its view's {@code encryption().encryptsRecords()}).
     */
    public List<Outcome> putAll(DeliveryStreamView stream, List<byte[]> records) {
        BufferCodec.Sealer sealer = codec.sealerFor(stream, records.size());
        long arrival = clock.millis();
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (byte[] data : records) {
            sent.add(kafka.producer().send(sealer.seal(stream.topic(), arrival, data)));
        }
        List<Outcome> outcomes = new ArrayList<>(records.size());
        long accepted = 0;
        long acceptedBytes = 0;
        for (int i = 0; i < sent.size(); i++) {
            Outcome outcome = await(stream, sent.get(i));
            outcomes.add(outcome);
            if (outcome.recordId() != null) {
                accepted++;
                acceptedBytes += records.get(i).length;
            }
        }
        if (accepted > 0) {
            metrics.incoming(stream.ref().name(), accepted, acceptedBytes);
        }
        return outcomes;
    }

    private static Outcome await(DeliveryStreamView stream, Future<RecordMetadata> future) {
        try {
            RecordMetadata metadata = future.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new Outcome(RecordIds.of(metadata.partition(), metadata.offset(), metadata.timestamp()), null, null);
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "Buffering a record of delivery stream {} failed",
                    stream.ref().name(),
                    e);
            return new Outcome(null, "ServiceUnavailableException", UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "ServiceUnavailableException", UNAVAILABLE);
        }
    }
}
