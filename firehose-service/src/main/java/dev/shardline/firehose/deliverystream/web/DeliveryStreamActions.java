package dev.shardline.firehose.deliverystream.web;

import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.DeliveryStreamName;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.Encryption;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.deliverystream.DeliveryStreamEncryption;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.CreateDeliveryStreamRequest;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.CreateDeliveryStreamResponse;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.DeleteDeliveryStreamRequest;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.DeliveryStreamDescription;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.DescribeDeliveryStreamRequest;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.DescribeDeliveryStreamResponse;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.DestinationDescription;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.FailureDescription;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.ListDeliveryStreamsRequest;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.ListDeliveryStreamsResponse;
import dev.shardline.firehose.destination.http.HttpEndpointConfigurations;
import dev.shardline.firehose.destination.http.HttpEndpointDestination;
import dev.shardline.firehose.destination.s3.S3Configurations;
import dev.shardline.firehose.destination.s3.S3Destination;
import dev.shardline.firehose.destination.warehouse.RedshiftConfigurations;
import dev.shardline.firehose.destination.warehouse.WarehouseDestination;
import dev.shardline.firehose.pipeline.DeliveryError;
import dev.shardline.firehose.pipeline.DeliveryErrors;
import dev.shardline.firehose.source.SourceConfigurations;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The Firehose control-plane actions on the AWS wire, mapped onto {@link DeliveryStreamService}. */
@Component
public class DeliveryStreamActions {

    private static final String EXTENDED_S3 = "extendedS3DestinationConfiguration";

    private final DeliveryStreamService streams;
    private final ObjectProvider<StreamCatalog> catalog;
    private final DeliveryStreamEncryption encryption;
    private final DeliveryErrors errors;

    /** {@code catalog}: the Kinesis streams, as the streams service publishes them on its catalogue topic. */
    DeliveryStreamActions(
            DeliveryStreamService streams,
            ObjectProvider<StreamCatalog> catalog,
            DeliveryStreamEncryption encryption,
            DeliveryErrors errors) {
        this.streams = streams;
        this.catalog = catalog;
        this.encryption = encryption;
        this.errors = errors;
    }

    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("CreateDeliveryStream", CreateDeliveryStreamRequest.class, this::create),
                AwsAction.of("DeleteDeliveryStream", DeleteDeliveryStreamRequest.class, this::delete),
                AwsAction.of("DescribeDeliveryStream", DescribeDeliveryStreamRequest.class, this::describe),
                AwsAction.of("ListDeliveryStreams", ListDeliveryStreamsRequest.class, this::list));
    }

    private CreateDeliveryStreamResponse create(CreateDeliveryStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        Map<String, String> tags = request.tags() == null ? Map.of() : DeliveryStreamTagActions.tags(v, request.tags());
        SourceConfigurations.validate(v, request.kinesisStreamSourceConfiguration(), request.mskSourceConfiguration());
        v.throwIfInvalid();
        Encryption sse = DeliveryStreamEncryptionActions.input(request.deliveryStreamEncryptionConfigurationInput());
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
        Destination destination = destination(request);
        Source source = SourceConfigurations.source(
                request.deliveryStreamType(),
                request.kinesisStreamSourceConfiguration(),
                request.mskSourceConfiguration(),
                catalog.getIfAvailable());
        DeliveryStreamRef ref = validRef(ctx, request.deliveryStreamName());
        if (sse != null) {
            encryption.checkKey(ref, sse);
        }
        DeliveryStreamView created = streams.create(ref, source, destination, tags, sse);
        return new CreateDeliveryStreamResponse(created.ref().arn());
    }

    /** The one destination configuration of a CreateDeliveryStream, validated, with AWS's defaults. */
    private static Destination destination(CreateDeliveryStreamRequest request) {
        long given = Stream.of(
                        request.extendedS3DestinationConfiguration(),
                        request.s3DestinationConfiguration(),
                        request.httpEndpointDestinationConfiguration(),
                        request.redshiftDestinationConfiguration())
                .filter(Objects::nonNull)
                .count();
        if (given != 1) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Exactly one destination configuration must be supplied"
                    + (given == 0
                            ? "; ExtendedS3, HttpEndpoint and Redshift destination configurations are supported."
                            : "."));
        }
        if (request.httpEndpointDestinationConfiguration() != null) {
            return HttpEndpointConfigurations.destination(
                    "httpEndpointDestinationConfiguration", request.httpEndpointDestinationConfiguration());
        }
        if (request.redshiftDestinationConfiguration() != null) {
            return RedshiftConfigurations.destination(
                    "redshiftDestinationConfiguration", request.redshiftDestinationConfiguration());
        }
        if (request.extendedS3DestinationConfiguration() != null) {
            return S3Configurations.destination(EXTENDED_S3, request.extendedS3DestinationConfiguration());
        }
        return S3Configurations.destination(
                "s3DestinationConfiguration", S3Configurations.plain(request.s3DestinationConfiguration()));
    }

    private Object delete(DeleteDeliveryStreamRequest request, AwsRequestContext ctx) {
        streams.delete(validRef(ctx, request.deliveryStreamName()));
        return null;
    }

    private DescribeDeliveryStreamResponse describe(DescribeDeliveryStreamRequest request, AwsRequestContext ctx) {
        DeliveryStreamView stream = streams.describe(validRef(ctx, request.deliveryStreamName()));
        FailureDescription failure = errors.current(stream.id())
                .map(e -> new FailureDescription(DeliveryError.FAILURE_TYPE, e.details()))
                .orElse(null);
        return new DescribeDeliveryStreamResponse(description(stream, failure));
    }

    private ListDeliveryStreamsResponse list(ListDeliveryStreamsRequest request, AwsRequestContext ctx) {
        int limit = request.limit() == null ? 10 : request.limit();
        DeliveryStreamService.DeliveryStreamPage page = streams.list(
                ctx.accountId(),
                ctx.region(),
                request.deliveryStreamType(),
                request.exclusiveStartDeliveryStreamName(),
                limit);
        return new ListDeliveryStreamsResponse(
                page.streams().stream().map(s -> s.ref().name()).toList(), page.hasMore());
    }

    static DeliveryStreamDescription description(DeliveryStreamView stream, FailureDescription failure) {
        DestinationDescription destination = destinationDescription(stream);
        return new DeliveryStreamDescription(
                stream.ref().name(),
                stream.ref().arn(),
                stream.status().name(),
                DeliveryStreamEncryptionActions.describe(stream.encryption()),
                stream.type(),
                Long.toString(stream.versionId()),
                stream.createdAt(),
                stream.updatedAt(),
                List.of(destination),
                false,
                SourceConfigurations.describe(stream.source()),
                failure);
    }

    /** The destination of the stream as DescribeDeliveryStream shows it: one member per destination type. */
    private static DestinationDescription destinationDescription(DeliveryStreamView stream) {
        String id = "destinationId-000000000001";
        if (stream.destination() instanceof S3Destination s3) {
            return new DestinationDescription(
                    id, S3Configurations.describe(s3.target()), S3Configurations.describeExtended(s3));
        }
        if (stream.destination() instanceof HttpEndpointDestination http) {
            return new DestinationDescription(id, null, null, null, HttpEndpointConfigurations.describe(http));
        }
        if (stream.destination() instanceof WarehouseDestination warehouse) {
            return new DestinationDescription(id, null, null, RedshiftConfigurations.describe(warehouse), null);
        }
        throw new IllegalStateException("No description for " + stream.destination());
    }

    private static void unsupported(Object member, String name) {
        if (member != null) {
            throw DeliveryStreamErrors.notSupported(name);
        }
    }

    public static DeliveryStreamRef validRef(AwsRequestContext ctx, String name) {
        return validRef(Validation.of(), ctx, name);
    }

    public static DeliveryStreamRef validRef(Validation v, AwsRequestContext ctx, String name) {
        return DeliveryStreamName.of(v, DeliveryStreamName.MEMBER, name).in(ctx.accountId(), ctx.region());
    }
}
