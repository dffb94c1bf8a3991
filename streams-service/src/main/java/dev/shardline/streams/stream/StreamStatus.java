package dev.shardline.streams.stream;

/** AWS's stream states. */
public enum StreamStatus {
    CREATING,
    DELETING,
    ACTIVE,
    UPDATING
}
