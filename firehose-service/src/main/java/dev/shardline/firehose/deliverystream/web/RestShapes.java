package dev.shardline.firehose.deliverystream.web;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.DeliveryStreamDescription;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.DestinationDescription;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.FailureDescription;
import dev.shardline.firehose.destination.s3.S3Destination;
import dev.shardline.firehose.pipeline.DeliveryError;
import dev.shardline.firehose.source.web.SourceShapes.SourceDescription;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The bodies of the {@code /v1/delivery-streams} API. */
final class RestShapes {

    private RestShapes() {}

    @Schema(description = "A DirectPut delivery stream into an S3 bucket")
    record CreateDeliveryStream(
            @Schema(example = "clicks") String name,

            @Schema(example = "my-bucket", description = "bucket name (or its ARN arn:aws:s3:::my-bucket)")
            String bucket,

            @Schema(example = "clicks/", description = "key prefix; YYYY/MM/DD/HH/ (UTC) follows it")
            String prefix,

            @Schema(example = "5", description = "flush after this many MiB (1-128)")
            Integer bufferSizeMiB,

            @Schema(example = "300", description = "or after this many seconds (0-900)")
            Integer bufferIntervalSeconds,

            @Schema(example = "GZIP", description = "UNCOMPRESSED or GZIP")
            String compression) {}

    record Destination(
            String bucketArn, String prefix, int bufferSizeMiB, int bufferIntervalSeconds, String compression) {}

    record DeliveryStream(
            String name,
            String arn,
            String status,
            String versionId,
            Instant createdAt,

            @Schema(description = "The S3 destination in short; null for other destinations")
            Destination destination,

            @Schema(description = "DirectPut, KinesisStreamAsSource or MSKAsSource")
            String type,

            @Schema(description = "The source, as DescribeDeliveryStream shows it")
            SourceDescription source,

            @Schema(description = "The destination, as DescribeDeliveryStream shows it (destinationId, configuration)")
            List<DestinationDescription> destinations,

            @Schema(description = "Server-side encryption, as DescribeDeliveryStream shows it")
            Map<String, Object> encryption,

            @Schema(description = "Why deliveries fail, while the latest one has failed")
            FailureDescription failureDescription) {

        static DeliveryStream of(DeliveryStreamView view) {
            return of(view, null);
        }

        static DeliveryStream of(DeliveryStreamView view, FailureDescription failure) {
            S3Destination d = view.destination() instanceof S3Destination s3 ? s3 : null;
            DeliveryStreamDescription aws = DeliveryStreamActions.description(view, failure);
            return new DeliveryStream(
                    view.ref().name(),
                    view.ref().arn(),
                    view.status().name(),
                    Long.toString(view.versionId()),
                    view.createdAt(),
                    d == null
                            ? null
                            : new Destination(
                                    d.bucketArn(),
                                    d.prefix(),
                                    d.buffering().sizeInMBs(),
                                    d.buffering().intervalInSeconds(),
                                    d.compression().wireName()),
                    aws.deliveryStreamType(),
                    aws.source(),
                    aws.destinations(),
                    aws.deliveryStreamEncryptionConfiguration(),
                    aws.failureDescription());
        }
    }

    @Schema(description = "The latest failed delivery, as the service records it until a delivery succeeds again")
    record DeliveryFailure(
            @Schema(description = "Whether the latest delivery failed")
            boolean failing,

            @Schema(description = "FailureDescription.Type, as DescribeDeliveryStream shows it")
            String type,

            @Schema(description = "FailureDescription.Details")
            String details,

            @Schema(example = "S3.AccessDenied") String errorCode,
            String message,
            Instant firstFailedAt,
            Instant lastFailedAt,
            Long attempts) {

        static DeliveryFailure of(java.util.Optional<DeliveryError> error) {
            return error.map(e -> new DeliveryFailure(
                            true,
                            DeliveryError.FAILURE_TYPE,
                            e.details(),
                            e.errorCode(),
                            e.message(),
                            e.firstFailedAt(),
                            e.lastFailedAt(),
                            e.attempts()))
                    .orElse(new DeliveryFailure(false, null, null, null, null, null, null, null));
        }
    }

    record Tags(
            @Schema(description = "Tag keys and values", example = "{\"team\": \"payments\"}")
            Map<String, String> tags) {}

    record DeliveryStreamList(List<DeliveryStream> deliveryStreams, boolean hasMore) {}
}
