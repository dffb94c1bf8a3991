package dev.shardline.firehose.destination.http;

import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointCommonAttribute;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointConfiguration;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointDescription;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointDestinationConfiguration;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointDestinationDescription;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointRequestConfiguration;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointRetryOptions;
import dev.shardline.firehose.destination.s3.S3Configurations;
import dev.shardline.firehose.destination.s3.S3Target;
import dev.shardline.firehose.destination.web.DestinationShapes.BufferingHints;
import dev.shardline.firehose.processing.ProcessingConfigurations;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP endpoint destination's configuration on the wire: read into an {@link HttpEndpointDestination} with AWS's
 * constraints and defaults, described back without the access key.
 */
public final class HttpEndpointConfigurations {

    private static final Map<String, Object> NO_LOGGING = Map.of("Enabled", false);

    private HttpEndpointConfigurations() {}

    /**
     * HttpEndpointDestinationConfiguration, whose members the API model has checked (with the wider {@code http://}
     * Url pattern of {@code _local}), with AWS's defaults; what the model cannot say is checked here.
     */
    public static HttpEndpointDestination destination(String member, HttpEndpointDestinationConfiguration c) {
        HttpEndpointConfiguration endpoint = c.endpointConfiguration();
        String url = endpoint.url();
        BufferingHints hints = c.bufferingHints();
        HttpEndpointRequestConfiguration request = c.requestConfiguration();
        Validation v = Validation.of();
        List<String> duplicates = request == null
                ? List.of()
                : attributes(v, member + ".requestConfiguration.commonAttributes", request.commonAttributes());
        v.throwIfInvalid();
        S3Target s3 = S3Configurations.target(c.s3Configuration());
        if (hints != null && (hints.sizeInMBs() == null) != (hints.intervalInSeconds() == null)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "BufferingHints SizeInMBs and IntervalInSeconds must be specified together.");
        }
        if (!duplicates.isEmpty()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Duplicate CommonAttributes names: " + duplicates + ".");
        }
        checkUrl(url);
        if (c.secretsManagerConfiguration() != null && S3Configurations.enabled(c.secretsManagerConfiguration())) {
            throw DeliveryStreamErrors.notSupported("SecretsManagerConfiguration");
        }
        Processing processing = ProcessingConfigurations.processing(v, member, c.processingConfiguration());
        return new HttpEndpointDestination(
                url,
                endpoint.name(),
                endpoint.accessKey(),
                buffering(hints),
                request != null && "GZIP".equals(request.contentEncoding()),
                request == null || request.commonAttributes() == null
                        ? List.of()
                        : request.commonAttributes().stream()
                                .map(a -> new HttpEndpointDestination.CommonAttribute(
                                        a.attributeName(), a.attributeValue()))
                                .toList(),
                processing,
                c.roleARN(),
                c.retryOptions() == null || c.retryOptions().durationInSeconds() == null
                        ? HttpEndpointDestination.DEFAULT_RETRY_DURATION_SECONDS
                        : c.retryOptions().durationInSeconds(),
                c.s3BackupMode(),
                s3,
                c.cloudWatchLoggingOptions());
    }

    private static dev.shardline.firehose.delivery.BufferingHints buffering(BufferingHints hints) {
        if (hints == null || hints.sizeInMBs() == null) {
            return HttpEndpointDestination.DEFAULT_BUFFERING;
        }
        return new dev.shardline.firehose.delivery.BufferingHints(hints.sizeInMBs(), hints.intervalInSeconds());
    }

    public static HttpEndpointDestinationDescription describe(HttpEndpointDestination d) {
        return new HttpEndpointDestinationDescription(
                new HttpEndpointDescription(d.url(), d.name()),
                S3Configurations.hints(d.buffering()),
                d.cloudWatchLoggingOptions() == null ? NO_LOGGING : d.cloudWatchLoggingOptions(),
                new HttpEndpointRequestConfiguration(
                        d.gzip() ? "GZIP" : "NONE",
                        d.commonAttributes().stream()
                                .map(a -> new HttpEndpointCommonAttribute(a.name(), a.value()))
                                .toList()),
                ProcessingConfigurations.describe(d.processing()),
                d.roleArn(),
                new HttpEndpointRetryOptions(d.retryDurationSeconds()),
                d.s3BackupMode(),
                S3Configurations.describe(d.s3()));
    }

    /** Null attributes (which the model check passes over) and the names given more than once. */
    private static List<String> attributes(Validation v, String member, List<HttpEndpointCommonAttribute> attributes) {
        if (attributes == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            HttpEndpointCommonAttribute attribute = attributes.get(i);
            if (v.required(member + "." + (i + 1) + ".member", attribute) && !names.add(attribute.attributeName())) {
                duplicates.add(attribute.attributeName());
            }
        }
        return duplicates;
    }

    /** The model's pattern let it through; it must still be a URL that a request can be sent to. */
    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("Url " + url + " has no host.");
            }
        } catch (URISyntaxException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Url " + url + " is not a valid URL: " + e.getReason());
        }
    }
}
