package dev.shardline.firehose.destination.s3;

import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.destination.s3.web.S3Shapes.ExtendedS3DestinationConfiguration;
import dev.shardline.firehose.destination.s3.web.S3Shapes.ExtendedS3DestinationDescription;
import dev.shardline.firehose.destination.s3.web.S3Shapes.S3DestinationDescription;
import dev.shardline.firehose.destination.web.DestinationShapes.BufferingHints;
import dev.shardline.firehose.processing.ProcessingConfigurations;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.util.Map;

/** The S3 destination's configuration on the wire: read into an {@link S3Destination}, described back. */
public final class S3Configurations {

    private static final Map<String, Object> NO_ENCRYPTION = Map.of("NoEncryptionConfig", "NoEncryption");
    private static final Map<String, Object> NO_LOGGING = Map.of("Enabled", false);
    // RetryOptions are accepted, not kept: a failed delivery is retried until it succeeds, never skipped.
    private static final Map<String, Object> DYNAMIC_PARTITIONING = Map.of("Enabled", true);

    private S3Configurations() {}

    /** The plain S3DestinationConfiguration members (also a backup's or an intermediate bucket's). */
    public static S3Target target(ExtendedS3DestinationConfiguration c) {
        return target(c, false);
    }

    private static S3Target target(ExtendedS3DestinationConfiguration c, boolean dynamicPartitioning) {
        BufferingHints hints = c.bufferingHints();
        S3Target target = S3Constraints.s3(
                c.roleARN(),
                c.bucketARN(),
                c.prefix(),
                c.errorOutputPrefix(),
                hints == null ? null : hints.sizeInMBs(),
                hints == null ? null : hints.intervalInSeconds(),
                c.compressionFormat(),
                dynamicPartitioning);
        if (c.encryptionConfiguration() != null && c.encryptionConfiguration().containsKey("KMSEncryptionConfig")) {
            throw DeliveryStreamErrors.notSupported("KMSEncryptionConfig");
        }
        return target;
    }

    /**
     * ExtendedS3DestinationConfiguration, whose members the API model has checked, with AWS's defaults; what the model
     * cannot say (prefix rules, processors, backup, time zone) is checked here.
     */
    public static S3Destination destination(String member, ExtendedS3DestinationConfiguration c) {
        String fileExtension = c.fileExtension() == null || c.fileExtension().isEmpty() ? null : c.fileExtension();
        boolean dynamicPartitioning = enabled(c.dynamicPartitioningConfiguration());
        S3Target target = target(c, dynamicPartitioning);
        Processing processing =
                ProcessingConfigurations.processing(Validation.of(), member, c.processingConfiguration());
        if (enabled(c.dataFormatConversionConfiguration())) {
            throw DeliveryStreamErrors.notSupported("DataFormatConversionConfiguration");
        }
        partitionKeySources(c.prefix(), processing);
        String zone = S3Constraints.customTimeZone(c.customTimeZone());
        String backupMode = c.s3BackupMode() == null ? "Disabled" : c.s3BackupMode();
        S3Target backup = null;
        if (c.s3BackupConfiguration() != null) {
            backup = target(c.s3BackupConfiguration());
        }
        if ("Enabled".equals(backupMode) && backup == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "S3BackupConfiguration is required when S3BackupMode is Enabled.");
        }
        return new S3Destination(
                target.roleArn(),
                target.bucketArn(),
                target.prefix(),
                target.errorOutputPrefix(),
                target.buffering(),
                target.compression(),
                fileExtension,
                zone,
                processing,
                dynamicPartitioning,
                backupMode,
                "Enabled".equals(backupMode) ? backup : null);
    }

    /**
     * An S3DestinationConfiguration or S3DestinationUpdate, read into the extended shape: the extended members, which
     * its shape does not have, are ignored (as AWS ignores members a shape does not know, and as the model check does).
     */
    public static ExtendedS3DestinationConfiguration plain(ExtendedS3DestinationConfiguration c) {
        return new ExtendedS3DestinationConfiguration(
                c.roleARN(),
                c.bucketARN(),
                c.prefix(),
                c.errorOutputPrefix(),
                c.bufferingHints(),
                c.compressionFormat(),
                c.encryptionConfiguration(),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A partition key comes from a processor: the Prefix may only name keys that an enabled processor gives. */
    private static void partitionKeySources(String prefix, Processing processing) {
        PrefixTemplate template = PrefixTemplate.parse("Prefix", prefix);
        requireProcessor(template, PrefixTemplate.FROM_QUERY, "MetadataExtraction", processing);
        requireProcessor(template, PrefixTemplate.FROM_LAMBDA, "Lambda", processing);
    }

    private static void requireProcessor(
            PrefixTemplate prefix, String namespace, String processorType, Processing processing) {
        boolean present =
                processing.enabled() && processing.processors().stream().anyMatch(p -> processorType.equals(p.type()));
        if (prefix.usesPartitionKeysFrom(namespace) && !present) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("The Prefix uses the " + namespace + " namespace, which "
                    + "needs an enabled " + processorType + " processor in the ProcessingConfiguration.");
        }
    }

    public static S3DestinationDescription describe(S3Target t) {
        return new S3DestinationDescription(
                t.roleArn(),
                t.bucketArn(),
                emptyToNull(t.prefix()),
                emptyToNull(t.errorOutputPrefix()),
                hints(t.buffering()),
                t.compression().wireName(),
                NO_ENCRYPTION,
                NO_LOGGING);
    }

    public static ExtendedS3DestinationDescription describeExtended(S3Destination d) {
        return new ExtendedS3DestinationDescription(
                d.roleArn(),
                d.bucketArn(),
                emptyToNull(d.prefix()),
                emptyToNull(d.errorOutputPrefix()),
                hints(d.buffering()),
                d.compression().wireName(),
                NO_ENCRYPTION,
                NO_LOGGING,
                ProcessingConfigurations.describe(d.processing()),
                d.s3BackupMode(),
                d.backup() == null ? null : describe(d.backup()),
                d.dynamicPartitioning() ? DYNAMIC_PARTITIONING : null,
                d.fileExtension(),
                d.customTimeZone());
    }

    public static BufferingHints hints(dev.shardline.firehose.delivery.BufferingHints hints) {
        return new BufferingHints(hints.sizeInMBs(), hints.intervalInSeconds());
    }

    public static boolean enabled(Map<String, Object> configuration) {
        return configuration != null && Boolean.TRUE.equals(configuration.get("Enabled"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
