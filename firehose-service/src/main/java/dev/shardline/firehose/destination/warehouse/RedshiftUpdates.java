package dev.shardline.firehose.destination.warehouse;

import dev.shardline.firehose.destination.s3.S3Configurations;
import dev.shardline.firehose.destination.warehouse.web.RedshiftShapes.RedshiftDestinationConfiguration;
import dev.shardline.firehose.destination.warehouse.web.RedshiftShapes.RedshiftDestinationUpdate;
import dev.shardline.firehose.destination.web.ConfigurationTrees;
import dev.shardline.platform.error.AwsErrorType;
import tools.jackson.databind.node.ObjectNode;

/**
 * RedshiftDestinationUpdate over a warehouse destination: the members given replace the current ones (an object member
 * by member, except CopyCommand, which is one COPY statement and is replaced whole), S3Update merges over the
 * intermediate bucket and S3BackupUpdate over the backup, and the result is validated as CreateDeliveryStream validates
 * it. The password is kept unless a new one is given, and never appears in a message.
 */
public final class RedshiftUpdates {

    static final String MEMBER = "redshiftDestinationUpdate";

    private RedshiftUpdates() {}

    public static WarehouseDestination apply(WarehouseDestination current, RedshiftDestinationUpdate update) {
        String compression =
                update.s3Update() == null ? null : update.s3Update().compressionFormat();
        if (compression != null && RedshiftConfigurations.UNLOADABLE_COMPRESSION.contains(compression)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("CompressionFormat " + compression
                    + " cannot be specified in RedshiftDestinationUpdate.S3Update: COPY cannot read it.");
        }

        ObjectNode merged = ConfigurationTrees.tree(RedshiftConfigurations.describe(current));
        merged.put("password", current.password());
        ConfigurationTrees.rename(merged, "s3DestinationDescription", "s3Configuration");
        ConfigurationTrees.rename(merged, "s3BackupDescription", "s3BackupConfiguration");
        ObjectNode changes = ConfigurationTrees.tree(update);
        ConfigurationTrees.rename(changes, "s3Update", "s3Configuration");
        ConfigurationTrees.rename(changes, "s3BackupUpdate", "s3BackupConfiguration");
        if (update.copyCommand() != null) {
            merged.set("copyCommand", changes.remove("copyCommand"));
        }
        ConfigurationTrees.overlay(merged, changes);
        RedshiftDestinationConfiguration configuration =
                ConfigurationTrees.value(merged, RedshiftDestinationConfiguration.class);

        if (current.backupEnabled() && "Disabled".equals(configuration.s3BackupMode())) {
            // AWS: "If backup is enabled, you can't update the Firehose stream to disable it."
            throw AwsErrorType.INVALID_ARGUMENT.exception("Disabling S3 backup is not currently supported.");
        }
        // The updates' own S3 rules first: a backup bucket is checked even where backup stays disabled.
        if (update.s3Update() != null) {
            S3Configurations.target(configuration.s3Configuration());
        }
        if (update.s3BackupUpdate() != null && configuration.s3BackupConfiguration() != null) {
            S3Configurations.target(configuration.s3BackupConfiguration());
        }
        return RedshiftConfigurations.destination(MEMBER, configuration);
    }
}
