package dev.shardline.video.stream;

/** A video stream's status, as DescribeStream answers it. */
public enum VideoStreamStatus {
    CREATING,
    ACTIVE,
    UPDATING,
    DELETING
}
