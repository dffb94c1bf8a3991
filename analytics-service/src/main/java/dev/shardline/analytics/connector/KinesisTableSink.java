package dev.shardline.analytics.connector;

import java.util.Map;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * The planner's view of a {@code kinesis} table written: a {@link StreamSink} with the table's format. A table
 * {@code PARTITIONED BY} fields takes its partition keys from them, as AWS's connector does.
 */
final class KinesisTableSink implements DynamicTableSink, SupportsPartitioning {

    private final StreamSink.Settings settings;
    private final EncodingFormat<SerializationSchema<RowData>> format;
    private final DataType physicalType;

    KinesisTableSink(
            StreamSink.Settings settings, EncodingFormat<SerializationSchema<RowData>> format, DataType physicalType) {
        this.settings = settings;
        this.format = format;
        this.physicalType = physicalType;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return format.getChangelogMode();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        return SinkV2Provider.of(new StreamSink(settings, format.createRuntimeEncoder(context, physicalType)));
    }

    @Override
    public void applyStaticPartition(Map<String, String> partition) {
        // As AWS's connector: a static partition only fixes the partition key's values, which the rows carry anyway.
    }

    @Override
    public DynamicTableSink copy() {
        return new KinesisTableSink(settings, format, physicalType);
    }

    @Override
    public String asSummaryString() {
        return "Kinesis stream " + settings.streamArn();
    }
}
