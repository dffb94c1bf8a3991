package dev.shardline.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Builds the SDK client exactly as an application pointed at a local Kinesis endpoint would. */
final class KinesisClients {

    // AWS's documented example key pair: local endpoints check the signature format, not the secret.
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private KinesisClients() {}

    static KinesisClient create(URI endpoint, boolean cbor, int maxConnections) {
        // The client chooses CBOR or JSON once, while building its protocol factory, from this property; it must be
        // set before build() and applies to every client built afterwards in this JVM.
        System.setProperty("aws.cborEnabled", Boolean.toString(cbor));
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(maxConnections)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(30))
                        // A full 10 000-record GetRecords answer from a slow emulator can take seconds to produce.
                        .socketTimeout(Duration.ofSeconds(60)))
                // Bounds every call, including the SDK's own retries, so no phase can hang on a stuck server.
                .overrideConfiguration(
                        o -> o.apiCallAttemptTimeout(Duration.ofSeconds(60)).apiCallTimeout(Duration.ofSeconds(120)))
                .build();
    }
}
