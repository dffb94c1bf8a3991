package dev.shardline.video.stream;

import java.time.Instant;
import java.util.UUID;

/** What callers see of a video stream (the entity stays behind the application service). */
public record StreamView(
        UUID id,
        String deviceName,
        String name,
        VideoStreamArn arn,
        String mediaType,
        String kmsKeyId,
        String version,
        VideoStreamStatus status,
        Instant createdAt,
        int dataRetentionInHours) {}
