package dev.shardline.video.stream;

import java.util.UUID;

/** A deleted stream is gone from the database: what it left elsewhere (its fragments' objects) can go too. */
public record VideoStreamRemoved(UUID streamId, String name) {}
