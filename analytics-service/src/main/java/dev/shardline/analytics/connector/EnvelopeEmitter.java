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

    EnvelopeEmitter(String engine, DeserializationSchema<RowData> format, List<ReadableMetadata> metadata) {
        this.engine = engine;
        this.format = format;
        this.metadata = List.copyOf(metadata);
    }

    @Override
    public void emitRecord(ConsumerRecord<byte[], byte[]> record, SourceOutput<RowData> output, ShardSplitState split)
            throws Exception {
        DataKeys keys = ShardlineStreams.get(engine).dataKeys();
        RecordEnvelope envelope = keys == null ? RecordEnvelope.from(record) : RecordEnvelope.from(record, keys);
        long timestamp = envelope.arrival().toEpochMilli();
        format.deserialize(envelope.data(), new Collector<>() {
            @Override
            public void collect(RowData row) {
                output.collect(withMetadata(row, split.split, record.offset(), envelope.arrival()), timestamp);
            }

            @Override
            public void close() {}
        });
        split.nextOffset = record.offset() + 1;
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
