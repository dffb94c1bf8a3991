package dev.shardline.analytics.connector;

import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.RecordEnvelope;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Opens each record of the stream's topic as its envelope (decrypting those of an encrypted stream) and turns its data
 * into rows with the table's format; the record's arrival time is its event timestamp, as Kinesis's approximate arrival
 * timestamp is for AWS's connector.
 */
final class EnvelopeEmitter implements RecordEmitter<ConsumerRecord<byte[], byte[]>, RowData, ShardSplitState> {

    private final String engine;
    private final DeserializationSchema<RowData> format;
    private final List<ReadableMetadata> metadata;

    private static final byte[] EMPTY = new byte[0];

    private final RecordCollector collector = new RecordCollector();
    private transient DataKeys keys;

    EnvelopeEmitter(String engine, DeserializationSchema<RowData> format, List<ReadableMetadata> metadata) {
        this.engine = engine;
        this.format = format;
        this.metadata = List.copyOf(metadata);
    }

    @Override
    public void emitRecord(ConsumerRecord<byte[], byte[]> record, SourceOutput<RowData> output, ShardSplitState split)
            throws Exception {
        byte[] data;
        if (RecordEnvelope.isEncrypted(record)) {
            data = RecordEnvelope.from(record, dataKeys()).data();
        } else {
            // A plain record's data is its value: no envelope (partition key string, Instant) per record.
            data = record.value() == null ? EMPTY : record.value();
        }
        collector.prepare(output, split.split, record.offset(), record.timestamp());
        format.deserialize(data, collector);
        split.nextOffset = record.offset() + 1;
    }

    /** The engine's data keys, looked up once (they are registered with the engine before any job runs). */
    private DataKeys dataKeys() {
        if (keys == null) {
            keys = ShardlineStreams.get(engine).dataKeys();
            if (keys == null) {
                throw new IllegalStateException("An encrypted record, and no data keys in engine " + engine);
            }
        }
        return keys;
    }

    /** One collector per emitter, pointed at each record in turn: the emitter runs on the task's one thread. */
    private final class RecordCollector implements Collector<RowData> {
        private SourceOutput<RowData> output;
        private ShardSplit shard;
        private long offset;
        private long timestamp;

        void prepare(SourceOutput<RowData> output, ShardSplit shard, long offset, long timestamp) {
            this.output = output;
            this.shard = shard;
            this.offset = offset;
            this.timestamp = timestamp;
        }

        @Override
        public void collect(RowData row) {
            output.collect(
                    metadata.isEmpty() ? row : withMetadata(row, shard, offset, Instant.ofEpochMilli(timestamp)),
                    timestamp);
        }

        @Override
        public void close() {}
    }

    /** The row with the requested metadata columns after its physical ones, as the planner asked for them. */
    private RowData withMetadata(RowData row, ShardSplit shard, long offset, Instant arrival) {
        if (metadata.isEmpty()) {
            return row;
        }
        GenericRowData values = new GenericRowData(metadata.size());
        for (int i = 0; i < metadata.size(); i++) {
            values.setField(i, metadata.get(i).value(shard, offset, arrival));
        }
        return new JoinedRowData(row.getRowKind(), row, values);
    }
}
