package dev.shardline.firehose.pipeline;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Destination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What a delivery worker does with a batch: runs the processors, then hands it to its destination's writer. Every
 * attempt is measured ({@link FirehoseMetrics}) and a failed one is recorded as the stream's {@link DeliveryErrors
 * delivery error} until one succeeds again, before the worker retries it.
 */
@Component
class DeliveryPipeline implements BatchSink {

    private final RecordProcessing processing;
    private final Map<Class<?>, DestinationWriter<?>> writers;
    private final FirehoseMetrics metrics;
    private final DeliveryErrors errors;
    private final Clock clock;

    // Five: a batch's way (processing, then its writer) and what is told of it (metrics, errors, when).
    DeliveryPipeline(
            RecordProcessing processing,
            List<DestinationWriter<?>> writers,
            FirehoseMetrics metrics,
            DeliveryErrors errors,
            Clock clock) {
        this.processing = processing;
        this.writers =
                writers.stream().collect(Collectors.toMap(DestinationWriter::destinationType, Function.identity()));
        this.metrics = metrics;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public void deliver(DeliveryStreamView stream, PendingBatch batch) {
        DestinationWriter<?> writer = writerFor(stream.destination());
        String name = stream.ref().name();
        ProcessedBatch processed = process(stream, batch);
        Delivered delivered;
        try {
            delivered = write(writer, stream, batch, processed);
        } catch (RuntimeException e) {
            metrics.delivery(name, writer.metricName(), FirehoseMetrics.Outcome.failure());
            errors.failed(stream, DeliveryError.of(writer.metricName(), e, clock.instant()));
            throw e;
        }
        metrics.delivery(
                name,
                writer.metricName(),
                new FirehoseMetrics.Outcome(
                        delivered.complete(), delivered.records(), delivered.bytes(), oldestArrival(batch)));
        metrics.unreadable(
                name,
                processed.failed().stream()
                        .filter(f -> f.source().isUnreadable())
                        .count());
        errors.succeeded(stream);
    }

    private ProcessedBatch process(DeliveryStreamView stream, PendingBatch batch) {
        if (!stream.destination().processing().enabled()) {
            return processing.process(stream, batch);
        }
        Instant started = clock.instant();
        try {
            ProcessedBatch processed = processing.process(stream, batch);
            metrics.processing(
                    stream.ref().name(),
                    Duration.between(started, clock.instant()),
                    true,
                    processed.delivered().size(),
                    bytes(processed.delivered()));
            return processed;
        } catch (RuntimeException e) {
            metrics.processing(stream.ref().name(), Duration.between(started, clock.instant()), false, 0, 0);
            // Lambda is the processor that fails a whole batch; it may name its own code (DestinationException).
            errors.failed(stream, DeliveryError.of("Lambda", e, clock.instant()));
            throw e;
        }
    }

    private static long bytes(List<ProcessedBatch.Output> outputs) {
        long bytes = 0;
        for (ProcessedBatch.Output output : outputs) {
            bytes += output.data().length;
        }
        return bytes;
    }

    /** The batch's oldest record: arrival times within a partition may go back a little (producer clocks). */
    private static Instant oldestArrival(PendingBatch batch) {
        Instant oldest = batch.firstArrival();
        for (BufferedRecord record : batch.records()) {
            if (record.arrival().isBefore(oldest)) {
                oldest = record.arrival();
            }
        }
        return oldest;
    }

    private DestinationWriter<?> writerFor(Destination destination) {
        DestinationWriter<?> writer = writers.get(destination.getClass());
        if (writer == null) {
            throw new IllegalStateException(
                    "No writer delivers " + destination.getClass().getSimpleName());
        }
        return writer;
    }

    private static <D extends Destination> Delivered write(
            DestinationWriter<D> writer, DeliveryStreamView stream, PendingBatch batch, ProcessedBatch processed) {
        return writer.write(stream, writer.destinationType().cast(stream.destination()), batch, processed);
    }
}
