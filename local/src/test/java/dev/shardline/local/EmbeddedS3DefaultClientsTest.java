package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The embedded S3 endpoint with the AWS SDK's S3 clients at their default settings, as a user reads a Firehose
 * stream's objects with them: flexible checksums on every upload (a trailer on aws-chunked bodies), checksum
 * validation on downloads. The only settings are the ones any local S3 endpoint needs: endpoint, region,
 * credentials, path-style addressing.
 */
class EmbeddedS3DefaultClientsTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedS3Server server;
    private static S3Client s3;
    private static S3AsyncClient s3Async;

    @BeforeAll
    static void start() {
        server = EmbeddedS3Server.start(dataDir, 0, EmbeddedS3Server.Access.anySignature());
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        s3 = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                .build();
        s3Async = S3AsyncClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        s3Async.close();
        server.close();
    }

    @Test
    void theSyncClientPutsGetsWithChecksumValidationListsAndDeletes() {
        s3.createBucket(b -> b.bucket("sync"));
        byte[] body = "hello, firehose".getBytes(StandardCharsets.UTF_8);

        s3.putObject(p -> p.bucket("sync").key("2026/12/02/18/a"), RequestBody.fromBytes(body));
        s3.putObject(
                p -> p.bucket("sync").key("2026/12/02/18/b").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromBytes(body));
        ResponseBytes<GetObjectResponse> read =
                s3.getObjectAsBytes(g -> g.bucket("sync").key("2026/12/02/18/a").checksumMode(ChecksumMode.ENABLED));

        assertThat(read.asByteArray()).isEqualTo(body);
        assertThat(s3.getObjectAsBytes(g -> g.bucket("sync").key("2026/12/02/18/b"))
                        .asByteArray())
                .isEqualTo(body);
        assertThat(s3.headObject(h -> h.bucket("sync").key("2026/12/02/18/a")).contentLength())
                .isEqualTo(body.length);
        assertThat(s3.listObjectsV2(l -> l.bucket("sync").prefix("2026/")).contents())
                .extracting(S3Object::key)
                .contains("2026/12/02/18/a", "2026/12/02/18/b");

        s3.deleteObject(d -> d.bucket("sync").key("2026/12/02/18/a"));
        s3.deleteObjects(d -> d.bucket("sync").delete(del -> del.objects(o -> o.key("2026/12/02/18/b"))));
        assertThat(s3.listObjectsV2(l -> l.bucket("sync").prefix("2026/12/02/18/"))
                        .contents())
                .extracting(S3Object::key)
                .doesNotContain("2026/12/02/18/a", "2026/12/02/18/b");
    }

    @Test
    void aLargeBodyArrivesWholeThroughAwsChunkedUploadsAndMultipartUploads() {
        s3.createBucket(b -> b.bucket("large"));
        byte[] large = new byte[6 * 1024 * 1024 + 123];
        new Random(7).nextBytes(large);

        s3.putObject(p -> p.bucket("large").key("one"), RequestBody.fromBytes(large));
        assertThat(s3.getObjectAsBytes(g -> g.bucket("large").key("one")).asByteArray())
                .isEqualTo(large);

        String uploadId =
                s3.createMultipartUpload(c -> c.bucket("large").key("parts")).uploadId();
        int partSize = 5 * 1024 * 1024;
        List<CompletedPart> parts = new ArrayList<>();
        for (int part = 1, offset = 0; offset < large.length; part++, offset += partSize) {
            byte[] chunk = java.util.Arrays.copyOfRange(large, offset, Math.min(large.length, offset + partSize));
            int number = part;
            String etag = s3.uploadPart(
                            u -> u.bucket("large")
                                    .key("parts")
                                    .uploadId(uploadId)
                                    .partNumber(number),
                            RequestBody.fromBytes(chunk))
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(
                c -> c.bucket("large").key("parts").uploadId(uploadId).multipartUpload(m -> m.parts(parts)));

        assertThat(s3.getObjectAsBytes(g -> g.bucket("large").key("parts")).asByteArray())
                .isEqualTo(large);
    }

    @Test
    void theAsyncClientPutsAndGetsAtItsDefaults() {
        s3Async.createBucket(b -> b.bucket("async")).join();
        byte[] body = "from the async client".getBytes(StandardCharsets.UTF_8);

        s3Async.putObject(p -> p.bucket("async").key("k"), AsyncRequestBody.fromBytes(body))
                .join();
        byte[] read = s3Async.getObject(g -> g.bucket("async").key("k"), AsyncResponseTransformer.toBytes())
                .join()
                .asByteArray();

        assertThat(read).isEqualTo(body);
    }
}
