package dev.shardline.analytics.application;

/** ApplicationRestoreConfiguration.ApplicationRestoreType: which snapshot a start restores from. */
public enum RestoreType {
    SKIP_RESTORE_FROM_SNAPSHOT,
    RESTORE_FROM_LATEST_SNAPSHOT,
    RESTORE_FROM_CUSTOM_SNAPSHOT
}
