package dev.shardline.firehose.destination.s3;

import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.destination.Compression;

/**
 * Where and how a delivery stream writes to S3 (ExtendedS3DestinationConfiguration), already validated.
 *
 * @param roleArn accepted and kept, not used: Shardline does not assume roles
 * @param bucketArn {@code arn:aws:s3:::bucket}
 * @param prefix the key prefix; empty means AWS's default {@code YYYY/MM/DD/HH/}
 * @param errorOutputPrefix where records that failed processing go
 * @param buffering flush a batch at this size or age
 * @param compression how each object is compressed
 * @param fileExtension replaces the extension of the compression format when set
 * @param customTimeZone the zone of the prefix's dates and the object names; null means UTC
 * @param processing the records' transformation before delivery
 * @param dynamicPartitioning objects are cut per partition key, the prefix names them with {@code !{partitionKey...}}
 * @param s3BackupMode {@code Disabled} or {@code Enabled}: source records also go to {@code backup}
 * @param backup the backup location when {@code s3BackupMode} is {@code Enabled}
 */
public record S3Destination(
        String roleArn,
        String bucketArn,
        String prefix,
        String errorOutputPrefix,
        BufferingHints buffering,
        Compression compression,
        String fileExtension,
        String customTimeZone,
        Processing processing,
        boolean dynamicPartitioning,
        String s3BackupMode,
        S3Target backup)
        implements Destination {

    public static final String BUCKET_ARN_PREFIX = "arn:aws:s3:::";

    public S3Destination {
        prefix = prefix == null ? "" : prefix;
        errorOutputPrefix = errorOutputPrefix == null ? "" : errorOutputPrefix;
        buffering = buffering == null ? BufferingHints.S3_DEFAULT : buffering;
        compression = compression == null ? Compression.UNCOMPRESSED : compression;
        processing = processing == null ? Processing.NONE : processing;
        s3BackupMode = s3BackupMode == null ? "Disabled" : s3BackupMode;
    }

    /** A destination with only the members of the plain S3DestinationConfiguration. */
    public static S3Destination of(S3Target target) {
        return new S3Destination(
                target.roleArn(),
                target.bucketArn(),
                target.prefix(),
                target.errorOutputPrefix(),
                target.buffering(),
                target.compression(),
                null,
                null,
                Processing.NONE,
                false,
                "Disabled",
                null);
    }

    /** The members of the plain S3DestinationConfiguration. */
    public S3Target target() {
        return new S3Target(roleArn, bucketArn, prefix, errorOutputPrefix, buffering, compression);
    }

    public String bucket() {
        return bucketOf(bucketArn);
    }

    static String bucketOf(String bucketArn) {
        return bucketArn.substring(bucketArn.lastIndexOf(':') + 1);
    }
}
