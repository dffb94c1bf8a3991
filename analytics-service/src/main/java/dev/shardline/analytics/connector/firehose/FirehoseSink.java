package dev.shardline.analytics.connector.firehose;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * A Firehose delivery stream as a Flink sink, for SQL ({@code 'connector' = 'firehose'}) and the DataStream API
 * ({@link #builder()}): records go out with PutRecordBatch, batched by Flink's async sink base.
 *
 * <p>At-least-once: before each checkpoint completes, every batch in flight has been answered (its failed records
 * sent again), and the records still buffered are part of the checkpoint, so a restore sends them; records sent after
 * the last checkpoint are sent again when a failed job resumes from it. Firehose has no way to tell a repeat.
 */
public final class FirehoseSink<T> extends AsyncSinkBase<T, Record> {

    private final FirehoseSettings settings;
    private final boolean failOnError;

    FirehoseSink(
            SerializationSchema<T> schema,
            FirehoseSettings settings,
            int maxBatchSize,
            int maxInFlightRequests,
            int maxBufferedRequests,
            long maxBatchSizeInBytes,
            long maxTimeInBufferMs,
            boolean failOnError) {
        super(
                new FirehoseElementConverter<>(schema, settings.deliveryStream()),
                maxBatchSize,
                maxInFlightRequests,
                maxBufferedRequests,
                maxBatchSizeInBytes,
                maxTimeInBufferMs,
                FirehoseLimits.MAX_RECORD_BYTES);
        if (maxBatchSize < 1 || maxBatchSize > FirehoseLimits.MAX_BATCH_RECORDS) {
            throw new IllegalArgumentException(
                    "sink.batch.max-size must be 1 to " + FirehoseLimits.MAX_BATCH_RECORDS + ", not " + maxBatchSize);
        }
        if (maxBatchSizeInBytes < FirehoseLimits.MAX_RECORD_BYTES
                || maxBatchSizeInBytes > FirehoseLimits.MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("sink.flush-buffer.size must be " + FirehoseLimits.MAX_RECORD_BYTES
                    + " to " + FirehoseLimits.MAX_BATCH_BYTES + " bytes, not " + maxBatchSizeInBytes);
        }
        this.settings = settings;
        this.failOnError = failOnError;
    }

    public static <T> FirehoseSinkBuilder<T> builder() {
        return new FirehoseSinkBuilder<>();
    }

    FirehoseSettings settings() {
        return settings;
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<Record>> createWriter(WriterInitContext context)
            throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<Record>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<Record>> state) throws IOException {
        AsyncSinkWriterConfiguration configuration = AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .build();
        return new FirehoseSinkWriter<>(getElementConverter(), context, configuration, state, settings, failOnError);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<Record>> getWriterStateSerializer() {
        return new FirehoseStateSerializer();
    }
}
