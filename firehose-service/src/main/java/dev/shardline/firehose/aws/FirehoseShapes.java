package dev.shardline.firehose.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response shapes of the Firehose actions, with AWS's member names. */
final class FirehoseShapes {

    private FirehoseShapes() {}

    record BufferingHints(Integer sizeInMBs, Integer intervalInSeconds) {}

    record ProcessorParameter(String parameterName, String parameterValue) {}

    record Processor(String type, List<ProcessorParameter> parameters) {}

    record ProcessingConfiguration(Boolean enabled, List<Processor> processors) {}

    /**
     * ExtendedS3DestinationConfiguration, and S3DestinationConfiguration (a subset of its members); members that are
     * not delivered yet are read as plain maps so that they can be refused by name.
     */
    record ExtendedS3DestinationConfiguration(
            String roleARN,
            String bucketARN,
            String prefix,
            String errorOutputPrefix,
            BufferingHints bufferingHints,
            String compressionFormat,
            Map<String, Object> encryptionConfiguration,
            ProcessingConfiguration processingConfiguration,
            String s3BackupMode,
            ExtendedS3DestinationConfiguration s3BackupConfiguration,
            Map<String, Object> dataFormatConversionConfiguration,
            Map<String, Object> dynamicPartitioningConfiguration,
            String fileExtension,
            String customTimeZone) {}

    record HttpEndpointConfiguration(String url, String name, String accessKey) {}

    record HttpEndpointCommonAttribute(String attributeName, String attributeValue) {}

    record HttpEndpointRequestConfiguration(
            String contentEncoding, List<HttpEndpointCommonAttribute> commonAttributes) {}

    record HttpEndpointRetryOptions(Integer durationInSeconds) {}

    /** HttpEndpointDestinationConfiguration; S3Configuration is a plain S3DestinationConfiguration. */
    record HttpEndpointDestinationConfiguration(
            HttpEndpointConfiguration endpointConfiguration,
            BufferingHints bufferingHints,
            Map<String, Object> cloudWatchLoggingOptions,
            HttpEndpointRequestConfiguration requestConfiguration,
            ProcessingConfiguration processingConfiguration,
            String roleARN,
            HttpEndpointRetryOptions retryOptions,
            String s3BackupMode,
            ExtendedS3DestinationConfiguration s3Configuration,
            Map<String, Object> secretsManagerConfiguration) {}

    /** HttpEndpointDescription: the access key is never described back. */
    record HttpEndpointDescription(String url, String name) {}

    record HttpEndpointDestinationDescription(
            HttpEndpointDescription endpointConfiguration,
            BufferingHints bufferingHints,
            Map<String, Object> cloudWatchLoggingOptions,
            HttpEndpointRequestConfiguration requestConfiguration,
            ProcessingConfiguration processingConfiguration,
            String roleARN,
            HttpEndpointRetryOptions retryOptions,
            String s3BackupMode,
            S3DestinationDescription s3DestinationDescription) {}

    record CreateDeliveryStreamRequest(
            String deliveryStreamName,
            String deliveryStreamType,
            ExtendedS3DestinationConfiguration extendedS3DestinationConfiguration,
            ExtendedS3DestinationConfiguration s3DestinationConfiguration,
            Map<String, Object> kinesisStreamSourceConfiguration,
            Map<String, Object> deliveryStreamEncryptionConfigurationInput,
            Map<String, Object> redshiftDestinationConfiguration,
            Map<String, Object> elasticsearchDestinationConfiguration,
            Map<String, Object> amazonopensearchserviceDestinationConfiguration,
            Map<String, Object> splunkDestinationConfiguration,
            HttpEndpointDestinationConfiguration httpEndpointDestinationConfiguration,
            Map<String, Object> amazonOpenSearchServerlessDestinationConfiguration,
            Map<String, Object> snowflakeDestinationConfiguration,
            Map<String, Object> icebergDestinationConfiguration,
            List<Map<String, Object>> tags) {}

    record CreateDeliveryStreamResponse(String deliveryStreamARN) {}

    record DeleteDeliveryStreamRequest(String deliveryStreamName, Boolean allowForceDelete) {}

    record DescribeDeliveryStreamRequest(
            String deliveryStreamName, Integer limit, String exclusiveStartDestinationId) {}

    record DescribeDeliveryStreamResponse(DeliveryStreamDescription deliveryStreamDescription) {}

    record DeliveryStreamDescription(
            String deliveryStreamName,
            String deliveryStreamARN,
            String deliveryStreamStatus,
            Map<String, Object> deliveryStreamEncryptionConfiguration,
            String deliveryStreamType,
            String versionId,
            Instant createTimestamp,
            Instant lastUpdateTimestamp,
            List<DestinationDescription> destinations,
            Boolean hasMoreDestinations) {}

    record DestinationDescription(
            String destinationId,
            S3DestinationDescription s3DestinationDescription,
            ExtendedS3DestinationDescription extendedS3DestinationDescription,
            HttpEndpointDestinationDescription httpEndpointDestinationDescription) {}

    record S3DestinationDescription(
            String roleARN,
            String bucketARN,
            String prefix,
            String errorOutputPrefix,
            BufferingHints bufferingHints,
            String compressionFormat,
            Map<String, Object> encryptionConfiguration,
            Map<String, Object> cloudWatchLoggingOptions) {}

    record ExtendedS3DestinationDescription(
            String roleARN,
            String bucketARN,
            String prefix,
            String errorOutputPrefix,
            BufferingHints bufferingHints,
            String compressionFormat,
            Map<String, Object> encryptionConfiguration,
            Map<String, Object> cloudWatchLoggingOptions,
            ProcessingConfiguration processingConfiguration,
            String s3BackupMode,
            S3DestinationDescription s3BackupDescription,
            Map<String, Object> dynamicPartitioningConfiguration,
            String fileExtension,
            String customTimeZone) {}

    record ListDeliveryStreamsRequest(
            Integer limit, String deliveryStreamType, String exclusiveStartDeliveryStreamName) {}

    record ListDeliveryStreamsResponse(List<String> deliveryStreamNames, Boolean hasMoreDeliveryStreams) {}

    record Record(byte[] data) {}

    record PutRecordRequest(String deliveryStreamName, Record record) {}

    record PutRecordResponse(String recordId, Boolean encrypted) {}

    record PutRecordBatchRequest(String deliveryStreamName, List<Record> records) {}

    record PutRecordBatchResponseEntry(String recordId, String errorCode, String errorMessage) {}

    record PutRecordBatchResponse(
            Integer failedPutCount, Boolean encrypted, List<PutRecordBatchResponseEntry> requestResponses) {}
}
