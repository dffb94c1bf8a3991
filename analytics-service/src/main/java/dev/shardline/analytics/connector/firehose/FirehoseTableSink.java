package dev.shardline.analytics.connector.firehose;

import java.util.function.Function;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/** The planner's view of a {@code firehose} table written: a {@link FirehoseSink} with the table's format. */
final class FirehoseTableSink implements DynamicTableSink {

    private final EncodingFormat<SerializationSchema<RowData>> format;
    private final DataType physicalType;
    private final Function<SerializationSchema<RowData>, FirehoseSink<RowData>> sink;
    private final String deliveryStream;

    FirehoseTableSink(
            EncodingFormat<SerializationSchema<RowData>> format,
            DataType physicalType,
            String deliveryStream,
            Function<SerializationSchema<RowData>, FirehoseSink<RowData>> sink) {
        this.format = format;
        this.physicalType = physicalType;
        this.deliveryStream = deliveryStream;
        this.sink = sink;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return format.getChangelogMode();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        return SinkV2Provider.of(sink.apply(format.createRuntimeEncoder(context, physicalType)));
    }

    @Override
    public DynamicTableSink copy() {
        return new FirehoseTableSink(format, physicalType, deliveryStream, sink);
    }

    @Override
    public String asSummaryString() {
        return "Firehose delivery stream " + deliveryStream;
    }
}
