package dev.shardline.video.signaling;

import java.time.Instant;
import java.util.UUID;

/** A signaling channel as the wire and the relay see it. */
public record ChannelView(
        UUID id,
        String name,
        SignalingChannelArn arn,
        String type,
        ChannelStatus status,
        String version,
        Instant createdAt,
        int messageTtlSeconds) {}
