package dev.shardline.firehose.delivery;

/** AWS's DeliveryStreamStatus values that Shardline goes through. */
public enum DeliveryStreamStatus {
    CREATING,
    ACTIVE,
    DELETING
}
