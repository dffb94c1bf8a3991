package dev.shardline.firehose.destination.s3;

import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** The object store as the destinations use it: whole objects put at a key, overwriting what was there. */
public final class FirehoseS3 implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FirehoseS3.class);

    private final S3Client client;
    private final boolean createBuckets;

    FirehoseS3(S3Client client, boolean createBuckets) {
        this.client = client;
        this.createBuckets = createBuckets;
    }

    public void put(String bucket, String key, byte[] body) {
        try {
            putObject(bucket, key, body);
        } catch (NoSuchBucketException e) {
            if (!createBuckets) {
                throw e;
            }
            log.info("Creating missing destination bucket {}", bucket);
            try {
                client.createBucket(r -> r.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException raced) {
                // another worker created it first
            }
            putObject(bucket, key, body);
        }
    }

    /** The object's bytes as stored, streamed: the caller closes the stream. */
    public InputStream open(String bucket, String key) {
        return client.getObject(r -> r.bucket(bucket).key(key));
    }

    private void putObject(String bucket, String key, byte[] body) {
        client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(body));
    }

    @Override
    public void close() {
        client.close();
    }
}
