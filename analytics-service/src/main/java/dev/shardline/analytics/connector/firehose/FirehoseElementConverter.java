package dev.shardline.analytics.connector.firehose;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.Record;

/** Serialises each element into one Firehose record, refusing one larger than a record may be. */
final class FirehoseElementConverter<T> implements ElementConverter<T, Record> {

    private final SerializationSchema<T> schema;
    private final String deliveryStream;
    private boolean opened;

    FirehoseElementConverter(SerializationSchema<T> schema, String deliveryStream) {
        this.schema = schema;
        this.deliveryStream = deliveryStream;
    }

    @Override
    public void open(WriterInitContext context) {
        if (!opened) {
            try {
                schema.open(context.asSerializationSchemaInitializationContext());
            } catch (Exception e) {
                throw new IllegalStateException("The format of the firehose sink did not open", e);
            }
            opened = true;
        }
    }

    @Override
    public Record apply(T element, SinkWriter.Context context) {
        byte[] data = schema.serialize(element);
        if (data.length > FirehoseLimits.MAX_RECORD_BYTES) {
            throw new RecordTooLargeException(deliveryStream, data.length);
        }
        return Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build();
    }
}
