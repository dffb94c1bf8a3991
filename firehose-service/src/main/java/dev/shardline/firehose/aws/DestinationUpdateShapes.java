package dev.shardline.firehose.aws;

import dev.shardline.firehose.aws.FirehoseShapes.BufferingHints;
import dev.shardline.firehose.aws.FirehoseShapes.CopyCommand;
import dev.shardline.firehose.aws.FirehoseShapes.ExtendedS3DestinationConfiguration;
import dev.shardline.firehose.aws.FirehoseShapes.HttpEndpointConfiguration;
import dev.shardline.firehose.aws.FirehoseShapes.HttpEndpointRequestConfiguration;
import dev.shardline.firehose.aws.FirehoseShapes.HttpEndpointRetryOptions;
import dev.shardline.firehose.aws.FirehoseShapes.ProcessingConfiguration;
import dev.shardline.firehose.aws.FirehoseShapes.RedshiftRetryOptions;
import java.util.Map;

/** UpdateDestination's destination updates, with AWS's member names; an S3DestinationUpdate reads as the S3 shape. */
final class DestinationUpdateShapes {

    private DestinationUpdateShapes() {}

    record HttpEndpointDestinationUpdate(
            HttpEndpointConfiguration endpointConfiguration,
            BufferingHints bufferingHints,
            Map<String, Object> cloudWatchLoggingOptions,
            HttpEndpointRequestConfiguration requestConfiguration,
            ProcessingConfiguration processingConfiguration,
            String roleARN,
            HttpEndpointRetryOptions retryOptions,
            String s3BackupMode,
            ExtendedS3DestinationConfiguration s3Update,
            Map<String, Object> secretsManagerConfiguration) {

        /** Keeps the access key out of any log line that prints a request. */
        @Override
        public String toString() {
            return "HttpEndpointDestinationUpdate[" + (endpointConfiguration == null ? "" : endpointConfiguration.url())
                    + "]";
        }
    }

    record RedshiftDestinationUpdate(
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
