package dev.shardline.firehose.destination.http.web;

import dev.shardline.firehose.destination.s3.web.S3Shapes.ExtendedS3DestinationConfiguration;
import dev.shardline.firehose.destination.s3.web.S3Shapes.S3DestinationDescription;
import dev.shardline.firehose.destination.web.DestinationShapes.BufferingHints;
import dev.shardline.firehose.processing.web.ProcessingShapes.ProcessingConfiguration;
import dev.shardline.platform.seal.Masked;
import java.util.List;
import java.util.Map;

/** Request and response shapes of the Firehose actions, with AWS's member names. */
public final class HttpEndpointShapes {

    private HttpEndpointShapes() {}

    public record HttpEndpointConfiguration(String url, String name, String accessKey) {
        /** Keeps the access key out of any log line that prints a request. */
        @Override
        public String toString() {
            return "HttpEndpointConfiguration[url=" + url + ", name=" + name + ", accessKey=" + Masked.mask(accessKey)
                    + "]";
        }
    }

    public record HttpEndpointCommonAttribute(String attributeName, String attributeValue) {}

    public record HttpEndpointRequestConfiguration(
            String contentEncoding, List<HttpEndpointCommonAttribute> commonAttributes) {}

    public record HttpEndpointRetryOptions(Integer durationInSeconds) {}

    /** HttpEndpointDestinationConfiguration; S3Configuration is a plain S3DestinationConfiguration. */
    public record HttpEndpointDestinationConfiguration(
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
    public record HttpEndpointDescription(String url, String name) {}

    public record HttpEndpointDestinationDescription(
            HttpEndpointDescription endpointConfiguration,
            BufferingHints bufferingHints,
            Map<String, Object> cloudWatchLoggingOptions,
            HttpEndpointRequestConfiguration requestConfiguration,
            ProcessingConfiguration processingConfiguration,
            String roleARN,
            HttpEndpointRetryOptions retryOptions,
            String s3BackupMode,
            S3DestinationDescription s3DestinationDescription) {}

    public record HttpEndpointDestinationUpdate(
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
}
