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
import java.util.regex.Pattern;

/**
 * The HTTP endpoint destination's configuration on the wire: read into an {@link HttpEndpointDestination} with AWS's
 * constraints and defaults, described back without the access key.
 */
public final class HttpEndpointConfigurations {

    /** AWS allows {@code https://.*} only; Shardline also delivers to plain http endpoints on a private network. */
    static final Pattern URL = Pattern.compile("https?://.*");

    private static final Pattern NOT_BLANK = Pattern.compile("^(?!\\s*$).+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final List<String> CONTENT_ENCODINGS = List.of("NONE", "GZIP");
    private static final List<String> BACKUP_MODES =
            List.of(HttpEndpointDestination.FAILED_DATA_ONLY, HttpEndpointDestination.ALL_DATA);
    private static final Map<String, Object> NO_LOGGING = Map.of("Enabled", false);

    private HttpEndpointConfigurations() {}

    public static HttpEndpointDestination destination(
            Validation v, String member, HttpEndpointDestinationConfiguration c) {
        HttpEndpointConfiguration endpoint = c.endpointConfiguration();
        String url = null;
        if (v.required(member + ".endpointConfiguration", endpoint)) {
            url = endpoint.url();
            if (v.required(member + ".endpointConfiguration.url", url)) {
                v.length(member + ".endpointConfiguration.url", url, 1, 1000)
                        .pattern(member + ".endpointConfiguration.url", url, URL);
            }
            v.length(member + ".endpointConfiguration.name", endpoint.name(), 1, 256)
                    .pattern(member + ".endpointConfiguration.name", endpoint.name(), NOT_BLANK);
            v.length(member + ".endpointConfiguration.accessKey", endpoint.accessKey(), 0, 4096);
        }
        BufferingHints hints = c.bufferingHints();
        if (hints != null) {
            v.range(member + ".bufferingHints.sizeInMBs", hints.sizeInMBs(), 1, 64);
            v.range(member + ".bufferingHints.intervalInSeconds", hints.intervalInSeconds(), 0, 900);
        }
        HttpEndpointRequestConfiguration request = c.requestConfiguration();
        if (request != null) {
            v.oneOf(member + ".requestConfiguration.contentEncoding", request.contentEncoding(), CONTENT_ENCODINGS);
            v.size(member + ".requestConfiguration.commonAttributes", request.commonAttributes(), 0, 50);
        }
        List<String> duplicates = request == null
                ? List.of()
                : attributes(v, member + ".requestConfiguration.commonAttributes", request.commonAttributes());
        if (c.roleARN() != null) {
            v.length(member + ".roleARN", c.roleARN(), 1, 512).pattern(member + ".roleARN", c.roleARN(), ROLE_ARN);
        }
        if (c.retryOptions() != null) {
            v.range(member + ".retryOptions.durationInSeconds", c.retryOptions().durationInSeconds(), 0, 7200);
        }
        v.oneOf(member + ".s3BackupMode", c.s3BackupMode(), BACKUP_MODES);
        S3Target s3 = null;
        if (v.required(member + ".s3Configuration", c.s3Configuration())) {
            s3 = S3Configurations.target(v, member + ".s3Configuration", c.s3Configuration());
        }
        v.throwIfInvalid();
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

    /** Checks each attribute; returns the names given more than once. */
    private static List<String> attributes(Validation v, String member, List<HttpEndpointCommonAttribute> attributes) {
        if (attributes == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            HttpEndpointCommonAttribute attribute = attributes.get(i);
            String at = member + "." + (i + 1) + ".member";
            if (!v.required(at, attribute)) {
                continue;
            }
            if (v.required(at + ".attributeName", attribute.attributeName())) {
                v.length(at + ".attributeName", attribute.attributeName(), 1, 256)
                        .pattern(at + ".attributeName", attribute.attributeName(), NOT_BLANK);
                if (!names.add(attribute.attributeName())) {
                    duplicates.add(attribute.attributeName());
                }
            }
            if (v.required(at + ".attributeValue", attribute.attributeValue())) {
                v.length(at + ".attributeValue", attribute.attributeValue(), 0, 1024);
            }
        }
        return duplicates;
    }

    /** The pattern let it through; it must still be a URL that a request can be sent to. */
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
