package dev.shardline.analytics.connector.firehose;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Where a firehose sink sends its records: the delivery stream, the endpoint that serves {@code Firehose_20150804}
 * and how to sign. Shardline's edge takes any signature on localhost, so without credentials the client signs with
 * placeholder keys.
 *
 * @param deliveryStream the delivery stream's name
 * @param endpoint e.g. {@code http://127.0.0.1:4566}
 * @param region the signing region
 * @param accessKeyId null for placeholder credentials
 * @param secretAccessKey with {@code accessKeyId}
 */
public record FirehoseSettings(
        String deliveryStream, URI endpoint, String region, String accessKeyId, String secretAccessKey)
        implements Serializable {

    public FirehoseSettings {
        Objects.requireNonNull(deliveryStream, "deliveryStream");
        Objects.requireNonNull(endpoint, "endpoint");
        region = region == null ? "us-east-1" : region;
    }

    /** A client of the endpoint; the SDK's standard retries (with back-off) cover throttling and lost connections. */
    FirehoseClient client() {
        String key = accessKeyId == null ? "shardline" : accessKeyId;
        String secret = secretAccessKey == null ? "shardline" : secretAccessKey;
        return FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
    }
}
