package dev.shardline.streams.consumer;

/** AWS's consumer states. */
public enum ConsumerStatus {
    CREATING,
    DELETING,
    ACTIVE
}
