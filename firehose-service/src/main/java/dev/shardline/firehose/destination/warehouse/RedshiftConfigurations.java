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

    static final List<String> UNLOADABLE_COMPRESSION = List.of("ZIP", "Snappy", "HADOOP_SNAPPY");

    private RedshiftConfigurations() {}

    /**
     * RedshiftDestinationConfiguration, whose members the API model has checked (with the wider ClusterJDBCURL pattern
     * of {@code _local}), with AWS's defaults; what the model cannot say is checked here.
     */
    public static WarehouseDestination destination(String member, RedshiftDestinationConfiguration c) {
        // Narrower than the model's pattern: a host name and an optional port, no query string.
        Validation.of()
                .pattern(member + ".clusterJDBCURL", c.clusterJDBCURL(), CLUSTER_JDBC_URL)
                .throwIfInvalid();
        CopyCommand copy = c.copyCommand();
        Integer retry = c.retryOptions() == null ? null : c.retryOptions().durationInSeconds();
        String compression = c.s3Configuration().compressionFormat();
        if (compression != null && UNLOADABLE_COMPRESSION.contains(compression)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("CompressionFormat " + compression
                    + " cannot be specified in RedshiftDestinationConfiguration.S3Configuration: "
                    + "COPY cannot read it.");
        }
        S3Target intermediate = S3Configurations.target(c.s3Configuration());
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
        Processing processing =
                ProcessingConfigurations.processing(Validation.of(), member, c.processingConfiguration());
        S3Target backup = null;
        if ("Enabled".equals(c.s3BackupMode())) {
            if (c.s3BackupConfiguration() == null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception(
                        "S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
            }
            backup = S3Configurations.target(c.s3BackupConfiguration());
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
