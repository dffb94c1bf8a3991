package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The embedded S3 endpoint serves no unsigned request; with keys it verifies each signature with its key's secret,
 * and in accept-any mode it takes any signed request. The clients are the SDK's S3 client at its defaults.
 */
class EmbeddedS3AccessTest {

    @TempDir
    Path dataDir;

    @Test
    void withKeysAnAnonymousListBucketsIsRefusedAndOnlyARightSignatureIsServed() throws Exception {
        Map<String, String> keys = Map.of("AKIDORDERS", "orders-secret");
        try (EmbeddedS3Server server = EmbeddedS3Server.start(
                dataDir, 0, EmbeddedS3Server.Access.keys(id -> Optional.ofNullable(keys.get(id))))) {
            assertThat(anonymousListBuckets(server)).satisfies(response -> {
                assertThat(response.statusCode()).isEqualTo(403);
                assertThat(response.body()).contains("<Code>AccessDenied</Code>");
            });
            try (S3Client s3 = s3(server, "AKIDORDERS", "orders-secret")) {
                s3.createBucket(b -> b.bucket("lake"));
                assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("lake");
                // the SDK's default upload: a checksum trailer on an aws-chunked body
                s3.putObject(p -> p.bucket("lake").key("2026/12/04/a"), RequestBody.fromString("hello"));
                assertThat(s3.getObjectAsBytes(g -> g.bucket("lake").key("2026/12/04/a"))
                                .asUtf8String())
                        .isEqualTo("hello");
            }
            try (S3Client wrongSecret = s3(server, "AKIDORDERS", "not-the-secret")) {
                assertThatThrownBy(wrongSecret::listBuckets).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                });
            }
            try (S3Client unknownKey = s3(server, "AKIDUNKNOWN", "orders-secret")) {
                assertThatThrownBy(unknownKey::listBuckets).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                });
            }
        }
    }

    @Test
    void acceptingAnySignatureAnAnonymousListBucketsIsRefusedAndAnySignedOneIsServed() throws Exception {
        try (EmbeddedS3Server server = EmbeddedS3Server.start(dataDir, 0, EmbeddedS3Server.Access.anySignature())) {
            assertThat(anonymousListBuckets(server).statusCode()).isEqualTo(403);
            try (S3Client s3 = s3(server, "test", "test")) {
                s3.createBucket(b -> b.bucket("lake"));
            }
            try (S3Client other = s3(server, "AKIAIOSFODNN7EXAMPLE", "whatever")) {
                assertThat(other.listBuckets().buckets())
                        .extracting(b -> b.name())
                        .containsExactly("lake");
            }
        }
    }

    private static HttpResponse<String> anonymousListBuckets(EmbeddedS3Server server) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.endpoint().resolve("/")).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static S3Client s3(EmbeddedS3Server server, String keyId, String secret) {
        return S3Client.builder()
                .endpointOverride(URI.create(server.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .forcePathStyle(true)
                .build();
    }
}
