package dev.shardline.firehose.delivery;

import dev.shardline.common.error.AwsErrorType;
import dev.shardline.common.error.Validation;
import java.util.List;
import java.util.regex.Pattern;

/** AWS's constraints on delivery stream members, in the Firehose API model's words and ranges. */
public final class DeliveryStreamConstraints {

    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final Pattern BUCKET_ARN = Pattern.compile("arn:.*:s3:::[\\w\\.\\-]{1,255}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    public static final List<String> COMPRESSION_FORMATS =
            List.of("UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY");
    /** AWS's S3 defaults: 5 MiB or 300 seconds, whichever comes first. */
    public static final int DEFAULT_SIZE_IN_MBS = 5;

    public static final int DEFAULT_INTERVAL_IN_SECONDS = 300;

    private DeliveryStreamConstraints() {}

    public static void name(Validation v, String member, String name) {
        v.length(member, name, 1, 64).pattern(member, name, NAME);
    }

    /**
     * Checks an S3 destination member by member (all violations in one ValidationException), then what the API model
     * allows but Shardline does not deliver yet (InvalidArgumentException), and returns it with AWS's defaults.
     */
    public static S3Target s3(
            Validation v,
            String member,
            String roleArn,
            String bucketArn,
            String prefix,
            String errorOutputPrefix,
            Integer sizeInMBs,
            Integer intervalInSeconds,
            String compressionFormat) {
        if (v.required(member + ".roleARN", roleArn)) {
            v.length(member + ".roleARN", roleArn, 1, 512).pattern(member + ".roleARN", roleArn, ROLE_ARN);
        }
        if (v.required(member + ".bucketARN", bucketArn)) {
            v.length(member + ".bucketARN", bucketArn, 1, 2048).pattern(member + ".bucketARN", bucketArn, BUCKET_ARN);
        }
        v.length(member + ".prefix", prefix, 0, 1024);
        v.length(member + ".errorOutputPrefix", errorOutputPrefix, 0, 1024);
        v.range(member + ".bufferingHints.sizeInMBs", sizeInMBs, 1, 128);
        v.range(member + ".bufferingHints.intervalInSeconds", intervalInSeconds, 0, 900);
        v.oneOf(member + ".compressionFormat", compressionFormat, COMPRESSION_FORMATS);
        v.throwIfInvalid();
        Compression compression = compressionFormat == null ? Compression.UNCOMPRESSED : compression(compressionFormat);
        if (prefix != null && prefix.contains("!{")) {
            throw DeliveryStreamErrors.notSupported("A Prefix with !{...} expressions");
        }
        if (errorOutputPrefix != null && errorOutputPrefix.contains("!{")) {
            throw DeliveryStreamErrors.notSupported("An ErrorOutputPrefix with !{...} expressions");
        }
        return new S3Target(
                roleArn,
                bucketArn,
                prefix,
                errorOutputPrefix,
                new BufferingHints(
                        sizeInMBs == null ? DEFAULT_SIZE_IN_MBS : sizeInMBs,
                        intervalInSeconds == null ? DEFAULT_INTERVAL_IN_SECONDS : intervalInSeconds),
                compression);
    }

    private static Compression compression(String format) {
        return switch (format) {
            case "UNCOMPRESSED" -> Compression.UNCOMPRESSED;
            case "GZIP" -> Compression.GZIP;
            default ->
                throw AwsErrorType.INVALID_ARGUMENT.exception(
                        "CompressionFormat " + format + " is not supported yet; use UNCOMPRESSED or GZIP.");
        };
    }
}
