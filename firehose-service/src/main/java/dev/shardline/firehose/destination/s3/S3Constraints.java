package dev.shardline.firehose.destination.s3;

import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.destination.Compression;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.error.Validation;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/** AWS's rules for S3 destinations: the API model's member constraints (for the REST API) and the prefix rules. */
public final class S3Constraints {

    static final Pattern BUCKET_ARN = Pattern.compile("arn:.*:s3:::[\\w\\.\\-]{1,255}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    public static final List<String> COMPRESSION_FORMATS =
            List.of("UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY");

    private S3Constraints() {}

    /**
     * The Firehose API model's constraints on an S3 destination's members, recorded in {@code v}: for the REST API,
     * which no model check covers (on the AWS wire the model answers these before an action runs).
     */
    public static void checkMembers(
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
    }

    /**
     * An S3 destination whose members satisfy the API model: the prefixes' rules (InvalidArgumentException), then the
     * destination with AWS's defaults.
     */
    public static S3Target s3(
            String roleArn,
            String bucketArn,
            String prefix,
            String errorOutputPrefix,
            Integer sizeInMBs,
            Integer intervalInSeconds,
            String compressionFormat,
            boolean dynamicPartitioning) {
        Compression compression =
                compressionFormat == null ? Compression.UNCOMPRESSED : Compression.fromWire(compressionFormat);
        prefixes(prefix, errorOutputPrefix, dynamicPartitioning);
        return new S3Target(
                roleArn,
                bucketArn,
                prefix,
                errorOutputPrefix,
                new BufferingHints(
                        sizeInMBs == null ? BufferingHints.S3_DEFAULT.sizeInMBs() : sizeInMBs,
                        intervalInSeconds == null ? BufferingHints.S3_DEFAULT.intervalInSeconds() : intervalInSeconds),
                compression);
    }

    /**
     * AWS's rules for a Prefix and ErrorOutputPrefix pair ("Custom Prefixes for Amazon S3 Objects"), refused as
     * InvalidArgumentException in AWS's words.
     */
    public static void prefixes(String prefix, String errorOutputPrefix, boolean dynamicPartitioning) {
        PrefixTemplate data = PrefixTemplate.parse("Prefix", prefix);
        PrefixTemplate error = PrefixTemplate.parse("ErrorOutputPrefix", errorOutputPrefix);
        if (data.hasErrorOutputType()) {
            throw prefixConstraint("Prefix cannot contain !{firehose:error-output-type}");
        }
        if (data.hasExpressions() && error.text().isEmpty()) {
            throw prefixConstraint("ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
        }
        if (error.hasExpressions() && !error.hasErrorOutputType()) {
            throw prefixConstraint(
                    "ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions");
        }
        if (!error.partitionKeys().isEmpty()) {
            throw prefixConstraint("ErrorOutputPrefix cannot contain partitionKeyFromQuery or "
                    + "partitionKeyFromLambda expressions");
        }
        if (!dynamicPartitioning && !data.partitionKeys().isEmpty()) {
            throw prefixConstraint("partitionKeyFromQuery and partitionKeyFromLambda namespaces can only be used "
                    + "when dynamic partitioning is enabled");
        }
        if (dynamicPartitioning && data.partitionKeys().isEmpty()) {
            throw PrefixTemplate.invalid("Dynamic partitioning is enabled, but the Prefix has no "
                    + "partitionKeyFromQuery or partitionKeyFromLambda expression: each object's prefix must name "
                    + "the keys it is partitioned by.");
        }
    }

    // AWS's own spelling of this message ("Ths"), as clients have seen it.
    private static AwsException prefixConstraint(String rule) {
        return AwsErrorType.INVALID_ARGUMENT.exception(
                "Ths supplied prefix(es) do not satisfy the following constraint: " + rule);
    }

    /** CustomTimeZone: an IANA zone id such as {@code Asia/Tokyo}; null or empty means UTC. */
    public static String customTimeZone(String zone) {
        if (zone == null || zone.isEmpty()) {
            return null;
        }
        if (!ZoneId.getAvailableZoneIds().contains(zone) && !"UTC".equals(zone)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("CustomTimeZone " + zone
                    + " is not a supported time zone; use an IANA time zone id such as UTC or Asia/Tokyo.");
        }
        return zone;
    }
}
