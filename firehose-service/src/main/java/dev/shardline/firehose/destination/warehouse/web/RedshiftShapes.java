package dev.shardline.firehose.destination.warehouse.web;

import dev.shardline.firehose.destination.s3.web.S3Shapes.ExtendedS3DestinationConfiguration;
import dev.shardline.firehose.destination.s3.web.S3Shapes.S3DestinationDescription;
import dev.shardline.firehose.processing.web.ProcessingShapes.ProcessingConfiguration;
import java.util.Map;

/** Request and response shapes of the Firehose actions, with AWS's member names. */
public final class RedshiftShapes {

    private RedshiftShapes() {}

    public record CopyCommand(String dataTableName, String dataTableColumns, String copyOptions) {}

    public record RedshiftRetryOptions(Integer durationInSeconds) {}

    /** RedshiftDestinationConfiguration: S3Configuration and S3BackupConfiguration are S3DestinationConfigurations. */
    public record RedshiftDestinationConfiguration(
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
    public record RedshiftDestinationDescription(
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

    public record RedshiftDestinationUpdate(
            String roleARN,
            String clusterJDBCURL,
            CopyCommand copyCommand,
            String username,
            String password,
            RedshiftRetryOptions retryOptions,
            ExtendedS3DestinationConfiguration s3Update,
            ProcessingConfiguration processingConfiguration,
            String s3BackupMode,
            ExtendedS3DestinationConfiguration s3BackupUpdate,
            Map<String, Object> cloudWatchLoggingOptions,
            Map<String, Object> secretsManagerConfiguration) {

        /** Keeps the password out of any log line that prints a request. */
        @Override
        public String toString() {
            return "RedshiftDestinationUpdate[" + clusterJDBCURL + ", " + copyCommand + "]";
        }
    }
}
