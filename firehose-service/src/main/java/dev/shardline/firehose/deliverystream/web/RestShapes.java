package dev.shardline.firehose.deliverystream.web;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.destination.s3.S3Destination;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

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
            String name, String arn, String status, String versionId, Instant createdAt, Destination destination) {

        static DeliveryStream of(DeliveryStreamView view) {
            S3Destination d = view.destination() instanceof S3Destination s3 ? s3 : null;
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
                                    d.compression().wireName()));
        }
    }

    record DeliveryStreamList(List<DeliveryStream> deliveryStreams, boolean hasMore) {}
}
