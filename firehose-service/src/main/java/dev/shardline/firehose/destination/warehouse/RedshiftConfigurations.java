package dev.shardline.firehose.destination.warehouse;

import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.destination.s3.S3Configurations;
import dev.shardline.firehose.destination.s3.S3Target;
import dev.shardline.firehose.destination.warehouse.web.RedshiftShapes.CopyCommand;
import dev.shardline.firehose.destination.warehouse.web.RedshiftShapes.RedshiftDestinationConfiguration;
import dev.shardline.firehose.destination.warehouse.web.RedshiftShapes.RedshiftDestinationDescription;
import dev.shardline.firehose.destination.warehouse.web.RedshiftShapes.RedshiftRetryOptions;
import dev.shardline.firehose.processing.ProcessingConfigurations;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Redshift destination's configuration on the wire: read into a {@link WarehouseDestination} that loads a
 * PostgreSQL table, described back without the password.
 */
public final class RedshiftConfigurations {

    /**
     * AWS's pattern insists on a Redshift host name; here any host is allowed, since the warehouse is PostgreSQL.
     * No query string: the credentials belong in Username and Password.
     */
    static final Pattern CLUSTER_JDBC_URL =
            Pattern.compile("jdbc:(redshift|postgresql)://[A-Za-z0-9.\\-]+(:\\d{1,5})?/[a-zA-Z0-9_$-]+");

    private static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final List<String> BACKUP_MODES = List.of("Disabled", "Enabled");
    static final List<String> UNLOADABLE_COMPRESSION = List.of("ZIP", "Snappy", "HADOOP_SNAPPY");

    private RedshiftConfigurations() {}

    public static WarehouseDestination destination(Validation v, String member, RedshiftDestinationConfiguration c) {
        if (v.required(member + ".roleARN", c.roleARN())) {
            v.length(member + ".roleARN", c.roleARN(), 1, 512).pattern(member + ".roleARN", c.roleARN(), ROLE_ARN);
        }
        if (v.required(member + ".clusterJDBCURL", c.clusterJDBCURL())) {
            v.length(member + ".clusterJDBCURL", c.clusterJDBCURL(), 1, 512)
                    .pattern(member + ".clusterJDBCURL", c.clusterJDBCURL(), CLUSTER_JDBC_URL);
        }
        CopyCommand copy = c.copyCommand();
        if (v.required(member + ".copyCommand", copy)) {
            if (v.required(member + ".copyCommand.dataTableName", copy.dataTableName())) {
                v.length(member + ".copyCommand.dataTableName", copy.dataTableName(), 1, 512);
            }
            v.length(member + ".copyCommand.dataTableColumns", copy.dataTableColumns(), 0, 204800);
            v.length(member + ".copyCommand.copyOptions", copy.copyOptions(), 0, 204800);
        }
        // Sensitive members, as AWS marks them: their values are never echoed in the message.
        v.length(member + ".username", utf8(c.username()), 1, 512);
        v.length(member + ".password", utf8(c.password()), 6, 512);
        Integer retry = c.retryOptions() == null ? null : c.retryOptions().durationInSeconds();
        v.range(member + ".retryOptions.durationInSeconds", retry, 0, 7200);
        v.oneOf(member + ".s3BackupMode", c.s3BackupMode(), BACKUP_MODES);
        v.required(member + ".s3Configuration", c.s3Configuration());
        v.throwIfInvalid();

        String compression = c.s3Configuration().compressionFormat();
        if (compression != null && UNLOADABLE_COMPRESSION.contains(compression)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("CompressionFormat " + compression
                    + " cannot be specified in RedshiftDestinationConfiguration.S3Configuration: "
                    + "COPY cannot read it.");
        }
        S3Target intermediate = S3Configurations.target(v, member + ".s3Configuration", c.s3Configuration());
        if (S3Configurations.enabled(c.secretsManagerConfiguration())) {
            throw DeliveryStreamErrors.notSupported("SecretsManagerConfiguration");
        }
        if (c.username() == null || c.password() == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "Username and Password are required when SecretsManagerConfiguration is not enabled.");
        }
        WarehouseDestination.CopyCommand command =
                new WarehouseDestination.CopyCommand(copy.dataTableName(), copy.dataTableColumns(), copy.copyOptions());
        CopyCommands.check(command, intermediate.compression());
        Processing processing = ProcessingConfigurations.processing(v, member, c.processingConfiguration());
        S3Target backup = null;
        if ("Enabled".equals(c.s3BackupMode())) {
            if (c.s3BackupConfiguration() == null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception(
                        "S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
            }
            backup = S3Configurations.target(v, member + ".s3BackupConfiguration", c.s3BackupConfiguration());
        }
        return new WarehouseDestination(
                c.roleARN(),
                c.clusterJDBCURL(),
                c.username(),
                c.password(),
                command,
                retry == null ? WarehouseDestination.DEFAULT_RETRY_DURATION_SECONDS : retry,
                intermediate,
                processing,
                c.s3BackupMode(),
                backup,
                c.cloudWatchLoggingOptions());
    }

    public static RedshiftDestinationDescription describe(WarehouseDestination d) {
        WarehouseDestination.CopyCommand copy = d.copyCommand();
        return new RedshiftDestinationDescription(
                d.roleArn(),
                d.clusterJdbcUrl(),
                new CopyCommand(
                        copy.dataTableName(), emptyToNull(copy.dataTableColumns()), emptyToNull(copy.copyOptions())),
                d.username(),
                new RedshiftRetryOptions(d.retryDurationSeconds()),
                S3Configurations.describe(d.intermediate()),
                ProcessingConfigurations.describe(d.processing()),
                d.s3BackupMode(),
                d.backup() == null ? null : S3Configurations.describe(d.backup()),
                d.cloudWatchLoggingOptions() == null ? Map.of("Enabled", false) : d.cloudWatchLoggingOptions());
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
