package dev.shardline.analytics.connector;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/** The planner's view of a {@code kinesis} table read: a {@link StreamSource} with the table's format. */
final class KinesisTableSource implements ScanTableSource {

    private final StreamSource.Settings settings;
    private final DecodingFormat<DeserializationSchema<RowData>> format;
    private final DataType physicalType;

    KinesisTableSource(
            StreamSource.Settings settings,
            DecodingFormat<DeserializationSchema<RowData>> format,
            DataType physicalType) {
        this.settings = settings;
        this.format = format;
        this.physicalType = physicalType;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return format.getChangelogMode();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        return SourceProvider.of(new StreamSource(settings, format.createRuntimeDecoder(context, physicalType)));
    }

    @Override
    public DynamicTableSource copy() {
        return new KinesisTableSource(settings, format, physicalType);
    }

    @Override
    public String asSummaryString() {
        return "Kinesis stream " + settings.streamArn();
    }
}
