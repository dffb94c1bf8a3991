package dev.shardline.firehose.delivery;

/**
 * Where and how a delivery stream writes to S3 (ExtendedS3DestinationConfiguration), already validated.
 *
 * @param roleArn accepted and kept, not used: Shardline does not assume roles
 * @param bucketArn {@code arn:aws:s3:::bucket}
 * @param prefix the key prefix; empty means AWS's default {@code YYYY/MM/DD/HH/}
 * @param errorOutputPrefix kept for the error paths to come
 * @param sizeInMBs flush a batch once it holds this many MiB
 * @param intervalInSeconds flush a batch once its oldest record is this old
 */
public record S3Destination(
        String roleArn,
        String bucketArn,
        String prefix,
        String errorOutputPrefix,
        int sizeInMBs,
        int intervalInSeconds,
        Compression compression) {

    public static final String BUCKET_ARN_PREFIX = "arn:aws:s3:::";

    public String bucket() {
        return bucketArn.substring(bucketArn.lastIndexOf(':') + 1);
    }
}
