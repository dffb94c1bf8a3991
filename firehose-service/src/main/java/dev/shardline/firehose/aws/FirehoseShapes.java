package dev.shardline.firehose.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
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

    record KinesisStreamSourceConfiguration(String kinesisStreamARN, String roleARN) {}

    record AuthenticationConfiguration(String roleARN, String connectivity) {}

    record MSKSourceConfiguration(
            @JsonProperty("MSKClusterARN") String mskClusterARN,
            String topicName,
            AuthenticationConfiguration authenticationConfiguration,
            Instant readFromTimestamp) {}

    /** DescribeDeliveryStream's Source: one member per source type, absent for DirectPut. */
    record SourceDescription(
            KinesisStreamSourceDescription kinesisStreamSourceDescription,
            @JsonProperty("MSKSourceDescription") MSKSourceDescription mskSourceDescription) {}

    record KinesisStreamSourceDescription(String kinesisStreamARN, String roleARN, Instant deliveryStartTimestamp) {}

    record MSKSourceDescription(
            @JsonProperty("MSKClusterARN") String mskClusterARN,
            String topicName,
            AuthenticationConfiguration authenticationConfiguration,
            Instant deliveryStartTimestamp,
            Instant readFromTimestamp) {}

    record Tag(String key, String value) {}

    record DeliveryStreamEncryptionConfigurationInput(String keyARN, String keyType) {}

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
            Boolean hasMoreDestinations,
            SourceDescription source,
            FailureDescription failureDescription) {}

    /** Why the delivery stream is failing: shown while its latest delivery attempt has failed. */
    record FailureDescription(String type, String details) {}

    record DestinationDescription(
            String destinationId,
            S3DestinationDescription s3DestinationDescription,
            ExtendedS3DestinationDescription extendedS3DestinationDescription,
            RedshiftDestinationDescription redshiftDestinationDescription,
            HttpEndpointDestinationDescription httpEndpointDestinationDescription) {

        DestinationDescription(
                String destinationId,
                S3DestinationDescription s3DestinationDescription,
                ExtendedS3DestinationDescription extendedS3DestinationDescription) {
            this(destinationId, s3DestinationDescription, extendedS3DestinationDescription, null, null);
        }
    }

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

    record CopyCommand(String dataTableName, String dataTableColumns, String copyOptions) {}

    record RedshiftRetryOptions(Integer durationInSeconds) {}

    /** RedshiftDestinationConfiguration: S3Configuration and S3BackupConfiguration are S3DestinationConfigurations. */
    record RedshiftDestinationConfiguration(
            String roleARN,
            String clusterJDBCURL,
            CopyCommand copyCommand,
            String username,
            String password,
            RedshiftRetryOptions retryOptions,
            ExtendedS3DestinationConfiguration s3Configuration,
            ProcessingConfiguration processingConfiguration,
            String s3BackupMode,
            ExtendedS3DestinationConfiguration s3BackupConfiguration,
            Map<String, Object> cloudWatchLoggingOptions,
            Map<String, Object> secretsManagerConfiguration) {

        /** Keeps the password out of any log line that prints a request. */
        @Override
        public String toString() {
            return "RedshiftDestinationConfiguration[" + clusterJDBCURL + ", " + copyCommand + "]";
        }
    }

    /** RedshiftDestinationDescription: as AWS, without the password. */
    record RedshiftDestinationDescription(
            String roleARN,
            String clusterJDBCURL,
            CopyCommand copyCommand,
            String username,
            RedshiftRetryOptions retryOptions,
            S3DestinationDescription s3DestinationDescription,
            ProcessingConfiguration processingConfiguration,
            String s3BackupMode,
            S3DestinationDescription s3BackupDescription,
            Map<String, Object> cloudWatchLoggingOptions) {}

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
