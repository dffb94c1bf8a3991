package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A DirectPut delivery stream into a bucket of its own, made for one phase and deleted after it. */
final class FirehoseTarget implements AutoCloseable {

    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);

    private final FirehoseClient firehose;
    private final S3Client s3;
    private final String stream;
    private final String bucket;

    private FirehoseTarget(FirehoseClient firehose, S3Client s3, String stream, String bucket) {
        this.firehose = firehose;
        this.s3 = s3;
        this.stream = stream;
        this.bucket = bucket;
    }

    static FirehoseTarget create(
            FirehoseClient firehose, S3Client s3, String label, String phase, int sizeInMBs, int intervalInSeconds)
            throws InterruptedException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = (label + "-" + phase + "-" + suffix).toLowerCase(Locale.ROOT);
        s3.createBucket(r -> r.bucket(name));
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/bench")
                        .bucketARN("arn:aws:s3:::" + name)
                        .bufferingHints(h -> h.sizeInMBs(sizeInMBs).intervalInSeconds(intervalInSeconds))
                        .compressionFormat(CompressionFormat.UNCOMPRESSED)));
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                        .deliveryStreamDescription()
                        .deliveryStreamStatus()
                != DeliveryStreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("delivery stream " + name + " not ACTIVE after " + ACTIVE_TIMEOUT);
            }
            Thread.sleep(100);
        }
        return new FirehoseTarget(firehose, s3, name, name);
    }

    String stream() {
        return stream;
    }

    String bucket() {
        return bucket;
    }

    /** The delivered objects; keys ending in "/" are directory placeholders of a filesystem-backed store. */
    List<S3Object> objects() {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(o -> {
            if (!o.key().endsWith("/")) {
                objects.add(o);
            }
        });
        return objects;
    }

    byte[] read(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void close() {
        try {
            firehose.deleteDeliveryStream(r -> r.deliveryStreamName(stream));
        } catch (RuntimeException e) {
            BenchLog.warnSometimes("deleting delivery stream " + stream + " failed: " + e);
        }
    }
}
