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
import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.HttpEndpointDestination;
import dev.shardline.firehose.delivery.S3Destination;
import dev.shardline.firehose.delivery.Source;
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
        unsupported(
                request.amazonOpenSearchServerlessDestinationConfiguration(),
                "AmazonOpenSearchServerlessDestinationConfiguration");
        unsupported(request.snowflakeDestinationConfiguration(), "SnowflakeDestinationConfiguration");
        unsupported(request.icebergDestinationConfiguration(), "IcebergDestinationConfiguration");
        Destination destination = request.httpEndpointDestinationConfiguration() == null
                ? s3Destination(v, request)
                : httpEndpointDestination(v, request);
        DeliveryStreamView created =
                streams.create(ref(ctx, request.deliveryStreamName()), new Source.DirectPut(), destination);
        return new CreateDeliveryStreamResponse(created.ref().arn());
    }

    private static HttpEndpointDestination httpEndpointDestination(Validation v, CreateDeliveryStreamRequest request) {
        if (request.extendedS3DestinationConfiguration() != null || request.s3DestinationConfiguration() != null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Exactly one destination configuration must be supplied.");
        }
        return HttpEndpointConfigurations.destination(
                v, "httpEndpointDestinationConfiguration", request.httpEndpointDestinationConfiguration());
    }

    private static S3Destination s3Destination(Validation v, CreateDeliveryStreamRequest request) {
        ExtendedS3DestinationConfiguration config = request.extendedS3DestinationConfiguration();
        String member = EXTENDED_S3;
        if (config == null) {
            config = request.s3DestinationConfiguration();
            member = "s3DestinationConfiguration";
        } else if (request.s3DestinationConfiguration() != null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Exactly one destination configuration must be supplied.");
        }
        if (config == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "Exactly one destination configuration must be supplied; "
                            + "ExtendedS3DestinationConfiguration and HttpEndpointDestinationConfiguration are supported so far.");
        }
        return S3Configurations.destination(v, member, config);
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
        DestinationDescription destination = destinationDescription(stream);
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

    /** The destination of the stream as DescribeDeliveryStream shows it: one member per destination type. */
    private static DestinationDescription destinationDescription(DeliveryStreamView stream) {
        String id = "destinationId-000000000001";
        if (stream.destination() instanceof S3Destination s3) {
            return new DestinationDescription(
                    id, S3Configurations.describe(s3.target()), S3Configurations.describeExtended(s3), null);
        }
        if (stream.destination() instanceof HttpEndpointDestination http) {
            return new DestinationDescription(id, null, null, HttpEndpointConfigurations.describe(http));
        }
        throw new IllegalStateException("No description for " + stream.destination());
    }

    private static void unsupported(Object member, String name) {
        if (member != null) {
            throw DeliveryStreamErrors.notSupported(name);
        }
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
