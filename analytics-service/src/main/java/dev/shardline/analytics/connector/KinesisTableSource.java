package dev.shardline.analytics.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * The planner's view of a {@code kinesis} table read: a {@link StreamSource} with the table's format, and the
 * metadata columns ({@link ReadableMetadata}) the table declares.
 *
 * <p>A table's {@code WATERMARK} is pushed into the source, as Flink's Kafka connector does: the source reader then
 * keeps a watermark per shard and emits their minimum. Generated after the source instead (one watermark per reader),
 * a reader catching up on several shards moves event time on with whichever shard it fetched last, and the records of
 * the others fall behind the watermark and are dropped as late by windows.
 */
final class KinesisTableSource implements ScanTableSource, SupportsReadingMetadata, SupportsWatermarkPushDown {

    private final StreamSource.Settings settings;
    private final DecodingFormat<DeserializationSchema<RowData>> format;
    private final DataType physicalType;
    private List<ReadableMetadata> metadata = List.of();
    private DataType producedType;
    private WatermarkStrategy<RowData> watermarks;

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
    public void applyWatermark(WatermarkStrategy<RowData> watermarkStrategy) {
        this.watermarks = watermarkStrategy;
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        TypeInformation<RowData> rows = context.createTypeInformation(producedType);
        StreamSource source =
                new StreamSource(settings, format.createRuntimeDecoder(context, physicalType), metadata, rows);
        if (watermarks == null) {
            return SourceProvider.of(source);
        }
        WatermarkStrategy<RowData> strategy = watermarks;
        String name = asSummaryString();
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext provider, StreamExecutionEnvironment environment) {
                DataStreamSource<RowData> stream = environment.fromSource(source, strategy, name, rows);
                provider.generateUid("kinesis-source").ifPresent(stream::uid);
                return stream;
            }

            @Override
            public boolean isBounded() {
                return false;
            }
        };
    }

    @Override
    public DynamicTableSource copy() {
        KinesisTableSource copy = new KinesisTableSource(settings, format, physicalType);
        copy.metadata = metadata;
        copy.producedType = producedType;
        copy.watermarks = watermarks;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "Kinesis stream " + settings.streamArn();
    }
}
