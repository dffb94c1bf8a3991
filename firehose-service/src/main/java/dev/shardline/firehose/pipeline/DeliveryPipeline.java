package dev.shardline.firehose.pipeline;

import dev.shardline.firehose.buffer.BatchSink;
import dev.shardline.firehose.buffer.PendingBatch;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Destination;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** What a delivery worker does with a batch: runs the processors, then hands it to its destination's writer. */
@Component
class DeliveryPipeline implements BatchSink {

    private final RecordProcessing processing;
    private final Map<Class<?>, DestinationWriter<?>> writers;

    DeliveryPipeline(RecordProcessing processing, List<DestinationWriter<?>> writers) {
        this.processing = processing;
        this.writers =
                writers.stream().collect(Collectors.toMap(DestinationWriter::destinationType, Function.identity()));
    }

    @Override
    public void deliver(DeliveryStreamView stream, PendingBatch batch) {
        ProcessedBatch processed = processing.process(stream, batch);
        write(writerFor(stream.destination()), stream, batch, processed);
    }

    private DestinationWriter<?> writerFor(Destination destination) {
        DestinationWriter<?> writer = writers.get(destination.getClass());
        if (writer == null) {
            throw new IllegalStateException(
                    "No writer delivers " + destination.getClass().getSimpleName());
        }
        return writer;
    }

    private static <D extends Destination> void write(
            DestinationWriter<D> writer, DeliveryStreamView stream, PendingBatch batch, ProcessedBatch processed) {
        writer.write(stream, writer.destinationType().cast(stream.destination()), batch, processed);
    }
}
