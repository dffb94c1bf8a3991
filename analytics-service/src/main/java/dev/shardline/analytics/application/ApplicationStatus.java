package dev.shardline.analytics.application;

/** AWS's ApplicationStatus values that a Shardline application takes (AUTOSCALING, MAINTENANCE, ... never happen). */
public enum ApplicationStatus {
    READY,
    STARTING,
    RUNNING,
    STOPPING,
    FORCE_STOPPING,
    UPDATING,
    DELETING
}
