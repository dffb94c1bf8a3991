package dev.shardline.analytics.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * The planner's view of a {@code kinesis} table read: a {@link StreamSource} with the table's format, and the
 * metadata columns ({@link ReadableMetadata}) the table declares.
 */
final class KinesisTableSource implements ScanTableSource, SupportsReadingMetadata {

    private final StreamSource.Settings settings;
    private final DecodingFormat<DeserializationSchema<RowData>> format;
    private final DataType physicalType;
    private List<ReadableMetadata> metadata = List.of();
    private DataType producedType;

    KinesisTableSource(
            StreamSource.Settings settings,
            DecodingFormat<DeserializationSchema<RowData>> format,
            DataType physicalType) {
        this.settings = settings;
        this.format = format;
        this.physicalType = physicalType;
        this.producedType = physicalType;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return format.getChangelogMode();
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> readable = new LinkedHashMap<>();
        for (ReadableMetadata m : ReadableMetadata.values()) {
            readable.put(m.key, m.type);
        }
        return readable;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        this.metadata = metadataKeys.stream().map(ReadableMetadata::of).toList();
        this.producedType = producedDataType;
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        TypeInformation<RowData> rows = context.createTypeInformation(producedType);
        return SourceProvider.of(
                new StreamSource(settings, format.createRuntimeDecoder(context, physicalType), metadata, rows));
    }

    @Override
    public DynamicTableSource copy() {
        KinesisTableSource copy = new KinesisTableSource(settings, format, physicalType);
        copy.metadata = metadata;
        copy.producedType = producedType;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "Kinesis stream " + settings.streamArn();
    }
}
