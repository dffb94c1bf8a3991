package dev.shardline.video.signaling;

/** A signaling channel's ChannelStatus, with AWS's names. */
public enum ChannelStatus {
    CREATING,
    ACTIVE,
    UPDATING,
    DELETING
}
