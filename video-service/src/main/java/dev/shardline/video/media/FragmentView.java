package dev.shardline.video.media;

import java.time.Instant;
import java.util.UUID;

/** A fragment as the index holds it. */
public record FragmentView(
        UUID streamId,
        String fragmentNumber,
        Instant producerTimestamp,
        Instant serverTimestamp,
        long durationMillis,
        long sizeBytes,
        String objectKey) {}
