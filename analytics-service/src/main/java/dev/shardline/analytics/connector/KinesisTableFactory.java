package dev.shardline.analytics.connector;

import dev.shardline.kinesis.StreamArn;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import dev.shardline.platform.error.AwsErrorType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * {@code 'connector' = 'kinesis'} over Shardline's own streams, with the options of AWS's Flink Kinesis table connector
 * so that SQL written for AWS runs unchanged. The stream is looked up while the job is planned: an unknown one is a
 * {@code ResourceNotFoundException}. Options of AWS's connector that concern its AWS clients (credentials, endpoints,
 * EFO, HTTP client, batching) are accepted and have no effect here.
 */
public final class KinesisTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    public static final String IDENTIFIER = "kinesis";

    static final ConfigOption<String> STREAM_ARN =
            ConfigOptions.key("stream.arn").stringType().noDefaultValue();
    static final ConfigOption<String> AWS_REGION =
            ConfigOptions.key("aws.region").stringType().noDefaultValue();
    static final ConfigOption<String> AWS_ENDPOINT =
            ConfigOptions.key("aws.endpoint").stringType().noDefaultValue();
    static final ConfigOption<String> INIT_POSITION =
            ConfigOptions.key("source.init.position").stringType().defaultValue("LATEST");
    static final ConfigOption<String> INIT_TIMESTAMP =
            ConfigOptions.key("source.init.timestamp").stringType().noDefaultValue();
    static final ConfigOption<String> INIT_TIMESTAMP_FORMAT =
            ConfigOptions.key("source.init.timestamp.format").stringType().defaultValue("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    static final ConfigOption<Duration> DISCOVERY_INTERVAL =
            ConfigOptions.key("source.shard.discovery.interval").durationType().defaultValue(Duration.ofSeconds(10));
    static final ConfigOption<String> PARTITIONER =
            ConfigOptions.key("sink.partitioner").stringType().noDefaultValue();
    static final ConfigOption<String> PARTITIONER_FIELD_DELIMITER =
            ConfigOptions.key("sink.partitioner-field-delimiter").stringType().defaultValue("|");

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(STREAM_ARN, FactoryUtil.FORMAT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                AWS_REGION,
                AWS_ENDPOINT,
                INIT_POSITION,
                INIT_TIMESTAMP,
                INIT_TIMESTAMP_FORMAT,
                DISCOVERY_INTERVAL,
                PARTITIONER,
                PARTITIONER_FIELD_DELIMITER);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        DecodingFormat<DeserializationSchema<RowData>> format =
                helper.discoverDecodingFormat(DeserializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validateExcept("aws.", "source.", "sink.", "scan.");
        ReadableConfig options = helper.getOptions();
        String engine = engine(context);
        CatalogStream stream = resolve(engine, options);
        StreamSource.Settings settings = new StreamSource.Settings(
                engine,
                stream.arn(),
                stream.topic(),
                ShardlineStreams.get(engine).kafka(),
                startPosition(options),
                options.get(DISCOVERY_INTERVAL));
        return new KinesisTableSource(settings, format, context.getPhysicalRowDataType());
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        EncodingFormat<SerializationSchema<RowData>> format =
                helper.discoverEncodingFormat(SerializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validateExcept("aws.", "source.", "sink.", "scan.");
        ReadableConfig options = helper.getOptions();
        String engine = engine(context);
        CatalogStream stream = resolve(engine, options);
        DataType physical = context.getPhysicalRowDataType();
        RowType rowType = (RowType) physical.getLogicalType();
        List<String> partitionKeys = context.getCatalogTable().getPartitionKeys();
        if (!partitionKeys.isEmpty() && options.getOptional(PARTITIONER).isPresent()) {
            throw new org.apache.flink.table.api.ValidationException(
                    "sink.partitioner cannot be set for a table with PARTITIONED BY: its fields are the partition key");
        }
        List<StreamSink.KeyField> keyFields = new ArrayList<>();
        for (String name : partitionKeys) {
            int position = rowType.getFieldIndex(name);
            LogicalType type = rowType.getTypeAt(position);
            keyFields.add(new StreamSink.KeyField(position, RowData.createFieldGetter(type, position)));
        }
        StreamSink.Settings settings = new StreamSink.Settings(
                engine,
                stream.arn(),
                stream.topic(),
                ShardlineStreams.get(engine).kafka(),
                keyFields,
                options.get(PARTITIONER_FIELD_DELIMITER));
        return new KinesisTableSink(settings, format, physical);
    }

    /** The engine planning the job, as it named itself in the job's configuration. */
    private static String engine(Context context) {
        return context.getConfiguration()
                .getOptional(ConfigOptions.key(ShardlineStreams.ENGINE_OPTION)
                        .stringType()
                        .noDefaultValue())
                .orElse(null);
    }

    /** The stream named by {@code stream.arn}, which must exist in this runtime and take records. */
    private static CatalogStream resolve(String engine, ReadableConfig options) {
        String arn = options.get(STREAM_ARN);
        StreamArn parsed = StreamArn.tryParse(arn)
                .orElseThrow(
                        () -> AwsErrorType.INVALID_ARGUMENT.exception("stream.arn " + arn + " is not a stream ARN"));
        options.getOptional(AWS_REGION)
                .filter(region -> !region.equals(parsed.region()))
                .ifPresent(region -> {
                    throw AwsErrorType.INVALID_ARGUMENT.exception(
                            "aws.region " + region + " is not the region of stream " + arn);
                });
        if (!ShardlineStreams.registered(engine)) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception(
                    "Stream " + arn + " cannot be found: this runtime runs no Kinesis Data Streams");
        }
        CatalogStream stream = ShardlineStreams.get(engine)
                .catalog()
                .find(arn)
                .orElseThrow(() -> AwsErrorType.RESOURCE_NOT_FOUND.exception(
                        "Stream " + parsed.streamName() + " under account " + parsed.accountId() + " not found."));
        return stream;
    }

    private static StartPosition startPosition(ReadableConfig options) {
        String position = options.get(INIT_POSITION).toUpperCase(java.util.Locale.ROOT);
        StartPosition.Type type;
        try {
            type = StartPosition.Type.valueOf(position);
        } catch (IllegalArgumentException e) {
            throw new org.apache.flink.table.api.ValidationException(
                    "source.init.position " + position + " is not one of TRIM_HORIZON, LATEST, AT_TIMESTAMP");
        }
        if (type != StartPosition.Type.AT_TIMESTAMP) {
            return new StartPosition(type, null);
        }
        String timestamp = options.getOptional(INIT_TIMESTAMP)
                .orElseThrow(() -> new org.apache.flink.table.api.ValidationException(
                        "source.init.timestamp is required with source.init.position AT_TIMESTAMP"));
        return new StartPosition(type, parseTimestamp(timestamp, options.get(INIT_TIMESTAMP_FORMAT)));
    }

    private static Instant parseTimestamp(String timestamp, String format) {
        try {
            return ZonedDateTime.parse(timestamp, DateTimeFormatter.ofPattern(format))
                    .toInstant();
        } catch (DateTimeParseException e) {
            try {
                // AWS's connector also takes seconds since the epoch.
                double seconds = Double.parseDouble(timestamp);
                return Instant.ofEpochMilli((long) (seconds * 1000));
            } catch (NumberFormatException notNumber) {
                throw new org.apache.flink.table.api.ValidationException("source.init.timestamp " + timestamp
                        + " is neither in the format " + format + " nor seconds since the epoch");
            }
        }
    }
}
