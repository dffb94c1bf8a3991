package dev.shardline.firehose.deliverystream.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointDestinationConfiguration;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointDestinationDescription;
import dev.shardline.firehose.destination.s3.web.S3Shapes.ExtendedS3DestinationConfiguration;
import dev.shardline.firehose.destination.s3.web.S3Shapes.ExtendedS3DestinationDescription;
import dev.shardline.firehose.destination.s3.web.S3Shapes.S3DestinationDescription;
import dev.shardline.firehose.destination.warehouse.web.RedshiftShapes.RedshiftDestinationConfiguration;
import dev.shardline.firehose.destination.warehouse.web.RedshiftShapes.RedshiftDestinationDescription;
import dev.shardline.firehose.source.web.SourceShapes.KinesisStreamSourceConfiguration;
import dev.shardline.firehose.source.web.SourceShapes.MSKSourceConfiguration;
import dev.shardline.firehose.source.web.SourceShapes.SourceDescription;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response shapes of the Firehose actions, with AWS's member names. */
public final class DeliveryStreamShapes {

    private DeliveryStreamShapes() {}

    public record CreateDeliveryStreamRequest(
            String deliveryStreamName,
            String deliveryStreamType,
            ExtendedS3DestinationConfiguration extendedS3DestinationConfiguration,
            ExtendedS3DestinationConfiguration s3DestinationConfiguration,
            KinesisStreamSourceConfiguration kinesisStreamSourceConfiguration,
            DeliveryStreamEncryptionConfigurationInput deliveryStreamEncryptionConfigurationInput,
            RedshiftDestinationConfiguration redshiftDestinationConfiguration,
            Map<String, Object> elasticsearchDestinationConfiguration,
            Map<String, Object> amazonopensearchserviceDestinationConfiguration,
            Map<String, Object> splunkDestinationConfiguration,
            HttpEndpointDestinationConfiguration httpEndpointDestinationConfiguration,
            Map<String, Object> amazonOpenSearchServerlessDestinationConfiguration,
            Map<String, Object> snowflakeDestinationConfiguration,
            Map<String, Object> icebergDestinationConfiguration,
            List<Tag> tags,
            @JsonProperty("MSKSourceConfiguration") MSKSourceConfiguration mskSourceConfiguration) {}

    public record Tag(String key, String value) {}

    public record DeliveryStreamEncryptionConfigurationInput(String keyARN, String keyType) {}

    public record CreateDeliveryStreamResponse(String deliveryStreamARN) {}

    public record DeleteDeliveryStreamRequest(String deliveryStreamName, Boolean allowForceDelete) {}

    public record DescribeDeliveryStreamRequest(
            String deliveryStreamName, Integer limit, String exclusiveStartDestinationId) {}

    public record DescribeDeliveryStreamResponse(DeliveryStreamDescription deliveryStreamDescription) {}

    public record DeliveryStreamDescription(
            String deliveryStreamName,
            String deliveryStreamARN,
            String deliveryStreamStatus,
            Map<String, Object> deliveryStreamEncryptionConfiguration,
            String deliveryStreamType,
            String versionId,
            Instant createTimestamp,
            Instant lastUpdateTimestamp,
            List<DestinationDescription> destinations,
            Boolean hasMoreDestinations,
            SourceDescription source,
            FailureDescription failureDescription) {}

    /** Why the delivery stream is failing: shown while its latest delivery attempt has failed. */
    public record FailureDescription(String type, String details) {}

    public record DestinationDescription(
            String destinationId,
            S3DestinationDescription s3DestinationDescription,
            ExtendedS3DestinationDescription extendedS3DestinationDescription,
            RedshiftDestinationDescription redshiftDestinationDescription,
            HttpEndpointDestinationDescription httpEndpointDestinationDescription) {

        public DestinationDescription(
                String destinationId,
                S3DestinationDescription s3DestinationDescription,
                ExtendedS3DestinationDescription extendedS3DestinationDescription) {
            this(destinationId, s3DestinationDescription, extendedS3DestinationDescription, null, null);
        }
    }

    public record ListDeliveryStreamsRequest(
            Integer limit, String deliveryStreamType, String exclusiveStartDeliveryStreamName) {}

    public record ListDeliveryStreamsResponse(List<String> deliveryStreamNames, Boolean hasMoreDeliveryStreams) {}
}
