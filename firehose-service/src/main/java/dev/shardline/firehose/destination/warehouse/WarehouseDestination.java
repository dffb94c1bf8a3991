package dev.shardline.firehose.destination.warehouse;

import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.destination.s3.S3Target;
import java.util.Map;

/**
 * A warehouse table loaded from an intermediate bucket (RedshiftDestinationConfiguration), already validated: each
 * batch is staged as one object in {@code intermediate}, then COPied into {@code copyCommand}'s table over JDBC.
 *
 * @param roleArn accepted and kept, not used: Shardline does not assume roles
 * @param clusterJdbcUrl {@code jdbc:postgresql://host:port/db} (loaded here) or {@code jdbc:redshift://...}
 * @param username the database user
 * @param password the user's password; never described, never logged
 * @param copyCommand the table, its columns and the Redshift COPY options
 * @param retryDurationSeconds how long a failing load is retried before its object is listed in an error manifest
 * @param intermediate the staging bucket; its buffering hints cut the batches
 * @param processing the records' transformation before delivery
 * @param s3BackupMode {@code Disabled} or {@code Enabled}: source records also go to {@code backup}
 * @param backup the backup location when {@code s3BackupMode} is {@code Enabled}
 * @param cloudWatchLoggingOptions kept as given and described back
 */
public record WarehouseDestination(
        String roleArn,
        String clusterJdbcUrl,
        String username,
        String password,
        CopyCommand copyCommand,
        int retryDurationSeconds,
        S3Target intermediate,
        Processing processing,
        String s3BackupMode,
        S3Target backup,
        Map<String, Object> cloudWatchLoggingOptions)
        implements Destination {

    /** AWS's default RetryOptions.DurationInSeconds: one hour. */
    public static final int DEFAULT_RETRY_DURATION_SECONDS = 3600;

    public WarehouseDestination {
        processing = processing == null ? Processing.NONE : processing;
        s3BackupMode = s3BackupMode == null ? "Disabled" : s3BackupMode;
    }

    @Override
    public BufferingHints buffering() {
        return intermediate.buffering();
    }

    public boolean backupEnabled() {
        return "Enabled".equals(s3BackupMode) && backup != null;
    }

    /** Keeps the password out of every log line that prints a destination. */
    @Override
    public String toString() {
        return "WarehouseDestination[" + clusterJdbcUrl + ", user " + username + ", " + copyCommand + "]";
    }

    /**
     * The COPY command's members, as given.
     *
     * @param dataTableName the target table, optionally schema-qualified
     * @param dataTableColumns comma-separated column names; empty means every column of the table
     * @param copyOptions Redshift COPY options; validated when the stream was created
     */
    public record CopyCommand(String dataTableName, String dataTableColumns, String copyOptions) {

        public CopyCommand {
            dataTableColumns = dataTableColumns == null ? "" : dataTableColumns;
            copyOptions = copyOptions == null ? "" : copyOptions;
        }
    }
}
