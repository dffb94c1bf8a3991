package dev.shardline.firehose.destination.s3.web;

import dev.shardline.firehose.destination.web.DestinationShapes.BufferingHints;
import dev.shardline.firehose.processing.web.ProcessingShapes.ProcessingConfiguration;
import java.util.Map;

/** Request and response shapes of the Firehose actions, with AWS's member names. */
public final class S3Shapes {

    private S3Shapes() {}

    /**
     * ExtendedS3DestinationConfiguration, and S3DestinationConfiguration (a subset of its members); members that are
     * not delivered yet are read as plain maps so that they can be refused by name.
     */
    public record ExtendedS3DestinationConfiguration(
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

    public record S3DestinationDescription(
            String roleARN,
            String bucketARN,
            String prefix,
            String errorOutputPrefix,
            BufferingHints bufferingHints,
            String compressionFormat,
            Map<String, Object> encryptionConfiguration,
            Map<String, Object> cloudWatchLoggingOptions) {}

    public record ExtendedS3DestinationDescription(
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
}
