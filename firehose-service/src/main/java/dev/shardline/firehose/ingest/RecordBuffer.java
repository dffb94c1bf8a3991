package dev.shardline.firehose.ingest;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.FirehoseMetrics;
import dev.shardline.firehose.pipeline.RecordIds;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.kafka.AcknowledgedSends;
import dev.shardline.platform.kafka.KafkaClientFactory;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
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
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    /** Topic and producer limits: a PutRecordBatch is at most 4 MiB, a record at most 1,000 KiB. */
    static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    private static final String UNAVAILABLE = "The record was not buffered: the buffer is unavailable. Retry it.";

    private final KafkaProducer<byte[], byte[]> producer;
    private final BufferCodec codec;
    private final Clock clock;
    private final FirehoseMetrics metrics;

    RecordBuffer(KafkaClientFactory clients, BufferCodec codec, Clock clock, FirehoseMetrics metrics) {
        this.producer = clients.durableProducer(
                "shardline-firehose", MAX_MESSAGE_BYTES, Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024));
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
        List<ProducerRecord<byte[], byte[]>> sealed = new ArrayList<>(records.size());
        for (byte[] data : records) {
            sealed.add(sealer.seal(stream.topic(), arrival, data));
        }
        List<AcknowledgedSends.Ack> acks = AcknowledgedSends.sendAll(producer, sealed, ACK_TIMEOUT);
        List<Outcome> outcomes = new ArrayList<>(records.size());
        long accepted = 0;
        long acceptedBytes = 0;
        Exception firstFailure = null;
        for (int i = 0; i < acks.size(); i++) {
            Outcome outcome = outcome(acks.get(i));
            outcomes.add(outcome);
            if (outcome.recordId() != null) {
                accepted++;
                acceptedBytes += records.get(i).length;
            } else if (firstFailure == null) {
                firstFailure = acks.get(i).failure();
            }
        }
        if (accepted > 0) {
            metrics.incoming(stream.ref().name(), accepted, acceptedBytes);
        }
        if (accepted < records.size()) {
            // One line a call, not one a record: a refused batch of 500 would otherwise log 500 stack traces.
            log.warn(
                    "Buffering {} of {} records of delivery stream {} failed: {}",
                    records.size() - accepted,
                    records.size(),
                    stream.ref().name(),
                    String.valueOf(firstFailure));
        }
        return outcomes;
    }

    /**
     * AWS's per-record error codes: ServiceUnavailableException for what a retry may fix (the broker slow or away),
     * InternalFailure for what it will not (the broker refused the record itself, e.g. larger than its topic takes).
     */
    private static Outcome outcome(AcknowledgedSends.Ack ack) {
        if (ack.acknowledged()) {
            RecordMetadata metadata = ack.metadata();
            return new Outcome(RecordIds.of(metadata.partition(), metadata.offset(), metadata.timestamp()), null, null);
        }
        if (ack.failure() instanceof RetriableException
                || ack.failure() instanceof TimeoutException
                || ack.failure() instanceof InterruptedException) {
            return new Outcome(null, AwsErrorType.SERVICE_UNAVAILABLE_EXCEPTION.type(), UNAVAILABLE);
        }
        return new Outcome(null, AwsErrorType.INTERNAL_FAILURE.type(), "Internal service failure.");
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
