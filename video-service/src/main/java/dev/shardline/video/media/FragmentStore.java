package dev.shardline.video.media;

import dev.shardline.video.VideoProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Fragments in the object store ({@code shardline.video.s3.*}): one object per fragment under its stream's id, in
 * one bucket that is created on first use. The S3 client is held here, not exposed as a bean of the AWS type.
 */
@Component
public class FragmentStore {

    private static final Logger log = LoggerFactory.getLogger(FragmentStore.class);

    private final S3Client s3;
    private final String bucket;
    private volatile boolean bucketReady;

    FragmentStore(VideoProperties properties) {
        VideoProperties.S3 config = properties.s3();
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(config.pathStyleAccess())
                // S3-compatible stores (S3Proxy, older MinIO) refuse the SDK's default flexible checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        if (config.accessKeyId() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
        this.bucket = config.bucket();
    }

    /** The bucket that holds every fragment. */
    public String bucket() {
        return bucket;
    }

    /** Writes a fragment; when this returns, the object store has it. */
    public void put(String key, byte[] mkv) {
        if (!bucketReady) {
            ensureBucket();
        }
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("video/x-matroska"), RequestBody.fromBytes(mkv));
    }

    public void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    /** Deletes every object under {@code prefix} (a removed stream's fragments). */
    public void deleteAll(String prefix) {
        if (!bucketReady) {
            ensureBucket();
        }
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix))
                .contents()
                .forEach(o -> delete(o.key()));
    }

    public byte[] get(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    private synchronized void ensureBucket() {
        if (bucketReady) {
            return;
        }
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(r -> r.bucket(bucket));
            log.info("Created the fragment bucket {}", bucket);
        }
        bucketReady = true;
    }

    @PreDestroy
    void close() {
        s3.close();
    }
}
