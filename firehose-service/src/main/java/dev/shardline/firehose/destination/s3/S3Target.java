package dev.shardline.firehose.destination.s3;

import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.destination.Compression;

/**
 * A plain S3 location (S3DestinationConfiguration): the backup bucket of an S3 destination, or the bucket that an
 * HTTP endpoint or warehouse destination backs up to or stages in.
 */
public record S3Target(
        String roleArn,
        String bucketArn,
        String prefix,
        String errorOutputPrefix,
        BufferingHints buffering,
        Compression compression) {

    public S3Target {
        prefix = prefix == null ? "" : prefix;
        errorOutputPrefix = errorOutputPrefix == null ? "" : errorOutputPrefix;
        buffering = buffering == null ? BufferingHints.S3_DEFAULT : buffering;
        compression = compression == null ? Compression.UNCOMPRESSED : compression;
    }

    public String bucket() {
        return S3Destination.bucketOf(bucketArn);
    }
}
