package dev.shardline.streams.stream;

/** AWS's capacity modes. */
public enum StreamMode {
    PROVISIONED,
    ON_DEMAND
}
