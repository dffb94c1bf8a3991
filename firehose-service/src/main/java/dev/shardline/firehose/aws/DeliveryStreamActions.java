package dev.shardline.firehose.aws;

import dev.shardline.common.aws.AwsAction;
import dev.shardline.common.aws.AwsRequestContext;
import dev.shardline.common.error.AwsErrorType;
import dev.shardline.common.error.Validation;
import dev.shardline.firehose.aws.FirehoseShapes.*;
import dev.shardline.firehose.delivery.DeliveryStreamConstraints;
import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamService;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.S3Destination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The Firehose control-plane actions on the AWS wire, mapped onto {@link DeliveryStreamService}. */
@Component
class DeliveryStreamActions {

    private static final List<String> STREAM_TYPES =
            List.of("DirectPut", "KinesisStreamAsSource", "MSKAsSource", "DatabaseAsSource");
    private static final String EXTENDED_S3 = "extendedS3DestinationConfiguration";

    private final DeliveryStreamService streams;

    DeliveryStreamActions(DeliveryStreamService streams) {
        this.streams = streams;
    }

    List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("CreateDeliveryStream", CreateDeliveryStreamRequest.class, this::create),
                AwsAction.of("DeleteDeliveryStream", DeleteDeliveryStreamRequest.class, this::delete),
                AwsAction.of("DescribeDeliveryStream", DescribeDeliveryStreamRequest.class, this::describe),
                AwsAction.of("ListDeliveryStreams", ListDeliveryStreamsRequest.class, this::list));
    }

    private CreateDeliveryStreamResponse create(CreateDeliveryStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        if (v.required("deliveryStreamName", request.deliveryStreamName())) {
            DeliveryStreamConstraints.name(v, "deliveryStreamName", request.deliveryStreamName());
        }
        v.oneOf("deliveryStreamType", request.deliveryStreamType(), STREAM_TYPES);
        v.size("tags", request.tags(), 1, 50);
        v.throwIfInvalid();
        if (request.deliveryStreamType() != null && !"DirectPut".equals(request.deliveryStreamType())) {
            throw DeliveryStreamErrors.notSupported("DeliveryStreamType " + request.deliveryStreamType());
        }
        unsupported(request.kinesisStreamSourceConfiguration(), "KinesisStreamSourceConfiguration");
        unsupported(request.deliveryStreamEncryptionConfigurationInput(), "DeliveryStreamEncryptionConfigurationInput");
        unsupported(request.tags(), "Tags");
        unsupported(request.redshiftDestinationConfiguration(), "RedshiftDestinationConfiguration");
        unsupported(request.elasticsearchDestinationConfiguration(), "ElasticsearchDestinationConfiguration");
        unsupported(
                request.amazonopensearchserviceDestinationConfiguration(),
                "AmazonopensearchserviceDestinationConfiguration");
        unsupported(request.splunkDestinationConfiguration(), "SplunkDestinationConfiguration");
        unsupported(request.httpEndpointDestinationConfiguration(), "HttpEndpointDestinationConfiguration");
        unsupported(
                request.amazonOpenSearchServerlessDestinationConfiguration(),
                "AmazonOpenSearchServerlessDestinationConfiguration");
        unsupported(request.snowflakeDestinationConfiguration(), "SnowflakeDestinationConfiguration");
        unsupported(request.icebergDestinationConfiguration(), "IcebergDestinationConfiguration");
        ExtendedS3DestinationConfiguration config = request.extendedS3DestinationConfiguration();
        String member = EXTENDED_S3;
        if (config == null) {
            config = request.s3DestinationConfiguration();
            member = "s3DestinationConfiguration";
        } else if (request.s3DestinationConfiguration() != null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Exactly one destination configuration must be supplied.");
        }
        if (config == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Exactly one destination configuration must be supplied; "
                    + "ExtendedS3DestinationConfiguration is the one supported so far.");
        }
        S3Destination destination = s3Destination(v, member, config);
        DeliveryStreamView created = streams.create(ref(ctx, request.deliveryStreamName()), destination);
        return new CreateDeliveryStreamResponse(created.ref().arn());
    }

    private static S3Destination s3Destination(Validation v, String member, ExtendedS3DestinationConfiguration c) {
        BufferingHints hints = c.bufferingHints();
        S3Destination destination = DeliveryStreamConstraints.s3(
                v,
                member,
                c.roleARN(),
                c.bucketARN(),
                c.prefix(),
                c.errorOutputPrefix(),
                hints == null ? null : hints.sizeInMBs(),
                hints == null ? null : hints.intervalInSeconds(),
                c.compressionFormat());
        if (enabled(c.processingConfiguration())) {
            throw DeliveryStreamErrors.notSupported("ProcessingConfiguration");
        }
        if (enabled(c.dataFormatConversionConfiguration())) {
            throw DeliveryStreamErrors.notSupported("DataFormatConversionConfiguration");
        }
        if (enabled(c.dynamicPartitioningConfiguration())) {
            throw DeliveryStreamErrors.notSupported("DynamicPartitioningConfiguration");
        }
        if ("Enabled".equals(c.s3BackupMode())) {
            throw DeliveryStreamErrors.notSupported("S3BackupMode Enabled");
        }
        if (c.encryptionConfiguration() != null && c.encryptionConfiguration().containsKey("KMSEncryptionConfig")) {
            throw DeliveryStreamErrors.notSupported("KMSEncryptionConfig");
        }
        if (c.fileExtension() != null) {
            throw DeliveryStreamErrors.notSupported("FileExtension");
        }
        if (c.customTimeZone() != null && !"UTC".equals(c.customTimeZone())) {
            throw DeliveryStreamErrors.notSupported("CustomTimeZone " + c.customTimeZone());
        }
        return destination;
    }

    private Object delete(DeleteDeliveryStreamRequest request, AwsRequestContext ctx) {
        streams.delete(validRef(ctx, request.deliveryStreamName()));
        return null;
    }

    private DescribeDeliveryStreamResponse describe(DescribeDeliveryStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.range("limit", request.limit(), 1, 10_000);
        v.length("exclusiveStartDestinationId", request.exclusiveStartDestinationId(), 1, 100);
        DeliveryStreamView stream = streams.describe(validRef(v, ctx, request.deliveryStreamName()));
        return new DescribeDeliveryStreamResponse(description(stream));
    }

    private ListDeliveryStreamsResponse list(ListDeliveryStreamsRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.range("limit", request.limit(), 1, 10_000);
        v.oneOf("deliveryStreamType", request.deliveryStreamType(), STREAM_TYPES);
        if (request.exclusiveStartDeliveryStreamName() != null) {
            DeliveryStreamConstraints.name(
                    v, "exclusiveStartDeliveryStreamName", request.exclusiveStartDeliveryStreamName());
        }
        v.throwIfInvalid();
        if (request.deliveryStreamType() != null && !"DirectPut".equals(request.deliveryStreamType())) {
            return new ListDeliveryStreamsResponse(List.of(), false); // every stream so far is DirectPut
        }
        int limit = request.limit() == null ? 10 : request.limit();
        DeliveryStreamService.DeliveryStreamPage page =
                streams.list(ctx.accountId(), ctx.region(), request.exclusiveStartDeliveryStreamName(), limit);
        return new ListDeliveryStreamsResponse(
                page.streams().stream().map(s -> s.ref().name()).toList(), page.hasMore());
    }

    static DeliveryStreamDescription description(DeliveryStreamView stream) {
        S3Destination d = stream.destination();
        BufferingHints hints = new BufferingHints(d.sizeInMBs(), d.intervalInSeconds());
        Map<String, Object> noEncryption = Map.of("NoEncryptionConfig", "NoEncryption");
        Map<String, Object> noLogging = Map.of("Enabled", false);
        String prefix = d.prefix().isEmpty() ? null : d.prefix();
        String errorPrefix = d.errorOutputPrefix().isEmpty() ? null : d.errorOutputPrefix();
        String compression = d.compression().name();
        DestinationDescription destination = new DestinationDescription(
                "destinationId-000000000001",
                new S3DestinationDescription(
                        d.roleArn(), d.bucketArn(), prefix, errorPrefix, hints, compression, noEncryption, noLogging),
                new ExtendedS3DestinationDescription(
                        d.roleArn(),
                        d.bucketArn(),
                        prefix,
                        errorPrefix,
                        hints,
                        compression,
                        noEncryption,
                        noLogging,
                        "Disabled"));
        Map<String, Object> encryption = new LinkedHashMap<>();
        encryption.put("Status", "DISABLED");
        return new DeliveryStreamDescription(
                stream.ref().name(),
                stream.ref().arn(),
                stream.status().name(),
                encryption,
                stream.type(),
                Long.toString(stream.versionId()),
                stream.createdAt(),
                stream.updatedAt(),
                List.of(destination),
                false);
    }

    private static void unsupported(Object member, String name) {
        if (member != null) {
            throw DeliveryStreamErrors.notSupported(name);
        }
    }

    private static boolean enabled(Map<String, Object> configuration) {
        return configuration != null && Boolean.TRUE.equals(configuration.get("Enabled"));
    }

    static DeliveryStreamRef validRef(AwsRequestContext ctx, String name) {
        return validRef(Validation.of(), ctx, name);
    }

    static DeliveryStreamRef validRef(Validation v, AwsRequestContext ctx, String name) {
        if (v.required("deliveryStreamName", name)) {
            DeliveryStreamConstraints.name(v, "deliveryStreamName", name);
        }
        v.throwIfInvalid();
        return ref(ctx, name);
    }

    private static DeliveryStreamRef ref(AwsRequestContext ctx, String name) {
        return new DeliveryStreamRef(ctx.accountId(), ctx.region(), name);
    }
}
