package dev.shardline.analytics.connector;

import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.RecordEnvelope;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Opens each record of the stream's topic as its envelope (decrypting those of an encrypted stream) and turns its data
 * into rows with the table's format; the record's arrival time is its event timestamp, as Kinesis's approximate arrival
 * timestamp is for AWS's connector.
 */
final class EnvelopeEmitter implements RecordEmitter<ConsumerRecord<byte[], byte[]>, RowData, ShardSplitState> {

    private final DeserializationSchema<RowData> format;

    EnvelopeEmitter(DeserializationSchema<RowData> format) {
        this.format = format;
    }

    @Override
    public void emitRecord(ConsumerRecord<byte[], byte[]> record, SourceOutput<RowData> output, ShardSplitState split)
            throws Exception {
        DataKeys keys = ShardlineStreams.get().dataKeys();
        RecordEnvelope envelope = keys == null ? RecordEnvelope.from(record) : RecordEnvelope.from(record, keys);
        long timestamp = envelope.arrival().toEpochMilli();
        format.deserialize(envelope.data(), new Collector<>() {
            @Override
            public void collect(RowData row) {
                output.collect(row, timestamp);
            }

            @Override
            public void close() {}
        });
        split.nextOffset = record.offset() + 1;
    }
}
