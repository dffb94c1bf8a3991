package dev.shardline.analytics.connector.firehose;

import dev.shardline.platform.error.AwsErrorType;
import java.io.Serializable;
import java.net.URI;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.table.AsyncSinkConnectorOptions;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;

/**
 * {@code 'connector' = 'firehose'}: a sink to a Firehose delivery stream, with the options of AWS's Flink Firehose
 * table connector ({@code flink-connector-aws-kinesis-firehose}), which has no release for Flink 2. Records go with
 * PutRecordBatch to {@code aws.endpoint}, by default this runtime's own edge. While the job is planned the delivery
 * stream is looked up there (DescribeDeliveryStream): one that does not exist is a {@code ResourceNotFoundException}
 * at the call that brought the SQL.
 */
public final class FirehoseTableFactory implements DynamicTableSinkFactory {

    public static final String IDENTIFIER = "firehose";
    /** The job configuration option an engine sets to its runtime's Firehose endpoint (its edge). */
    public static final String DEFAULT_ENDPOINT_OPTION = "shardline.firehose.endpoint";

    static final ConfigOption<String> DELIVERY_STREAM =
            ConfigOptions.key("delivery-stream").stringType().noDefaultValue();
    static final ConfigOption<String> AWS_REGION =
            ConfigOptions.key("aws.region").stringType().noDefaultValue();
    static final ConfigOption<String> AWS_ENDPOINT =
            ConfigOptions.key("aws.endpoint").stringType().noDefaultValue();
    static final ConfigOption<String> ACCESS_KEY_ID =
            ConfigOptions.key("aws.credentials.basic.accesskeyid").stringType().noDefaultValue();
    static final ConfigOption<String> SECRET_KEY =
            ConfigOptions.key("aws.credentials.basic.secretkey").stringType().noDefaultValue();
    static final ConfigOption<Boolean> FAIL_ON_ERROR =
            ConfigOptions.key("sink.fail-on-error").booleanType().defaultValue(false);

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(DELIVERY_STREAM, FactoryUtil.FORMAT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                AWS_REGION,
                AWS_ENDPOINT,
                ACCESS_KEY_ID,
                SECRET_KEY,
                FAIL_ON_ERROR,
                AsyncSinkConnectorOptions.MAX_BATCH_SIZE,
                AsyncSinkConnectorOptions.MAX_IN_FLIGHT_REQUESTS,
                AsyncSinkConnectorOptions.MAX_BUFFERED_REQUESTS,
                AsyncSinkConnectorOptions.FLUSH_BUFFER_SIZE,
                AsyncSinkConnectorOptions.FLUSH_BUFFER_TIMEOUT);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        EncodingFormat<SerializationSchema<RowData>> format =
                helper.discoverEncodingFormat(SerializationFormatFactory.class, FactoryUtil.FORMAT);
        // The rest of AWS's client options (credential providers, HTTP client, TLS) have no effect here.
        helper.validateExcept("aws.", "sink.http-client.");
        ReadableConfig options = helper.getOptions();
        FirehoseSettings settings = new FirehoseSettings(
                options.get(DELIVERY_STREAM),
                endpoint(options, context),
                options.get(AWS_REGION),
                options.get(ACCESS_KEY_ID),
                options.get(SECRET_KEY));
        DeliveryStreamCheck.requireExists(settings);
        SinkOptions sinkOptions = new SinkOptions(
                options.getOptional(AsyncSinkConnectorOptions.MAX_BATCH_SIZE).orElse(FirehoseLimits.MAX_BATCH_RECORDS),
                options.getOptional(AsyncSinkConnectorOptions.MAX_IN_FLIGHT_REQUESTS)
                        .orElse(50),
                options.getOptional(AsyncSinkConnectorOptions.MAX_BUFFERED_REQUESTS)
                        .orElse(10_000),
                options.getOptional(AsyncSinkConnectorOptions.FLUSH_BUFFER_SIZE).orElse(FirehoseLimits.MAX_BATCH_BYTES),
                options.getOptional(AsyncSinkConnectorOptions.FLUSH_BUFFER_TIMEOUT)
                        .orElse(5_000L),
                options.get(FAIL_ON_ERROR));
        // Checked now, so that a bad value is refused while planning rather than when the job starts.
        sinkOptions.apply(null, settings);
        return new FirehoseTableSink(
                format,
                context.getPhysicalRowDataType(),
                settings.deliveryStream(),
                schema -> sinkOptions.apply(schema, settings));
    }

    private static URI endpoint(ReadableConfig options, Context context) {
        String endpoint = options.getOptional(AWS_ENDPOINT)
                .or(() -> context.getConfiguration()
                        .getOptional(ConfigOptions.key(DEFAULT_ENDPOINT_OPTION)
                                .stringType()
                                .noDefaultValue()))
                .orElseThrow(() ->
                        new ValidationException("The firehose table of delivery stream " + options.get(DELIVERY_STREAM)
                                + " needs aws.endpoint: this engine knows no Firehose endpoint of its own"));
        try {
            return URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("aws.endpoint " + endpoint + " is not a URL");
        }
    }

    /** The batching options of AWS's connector, with its defaults. */
    private record SinkOptions(
            int maxBatchSize,
            int maxInFlight,
            int maxBuffered,
            long flushBufferSize,
            long flushBufferTimeout,
            boolean failOnError)
            implements Serializable {

        FirehoseSink<RowData> apply(SerializationSchema<RowData> schema, FirehoseSettings settings) {
            try {
                return new FirehoseSink<>(
                        schema == null ? row -> new byte[0] : schema,
                        settings,
                        maxBatchSize,
                        maxInFlight,
                        maxBuffered,
                        flushBufferSize,
                        flushBufferTimeout,
                        failOnError);
            } catch (IllegalArgumentException e) {
                throw new ValidationException(e.getMessage(), e);
            }
        }
    }
}
