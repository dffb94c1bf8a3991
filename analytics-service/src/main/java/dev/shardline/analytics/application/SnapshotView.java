package dev.shardline.analytics.application;

import java.time.Instant;

/** A snapshot as SnapshotDetails describes it; {@code location} is where the engine wrote it (not on AWS's wire). */
public record SnapshotView(
        String name, String status, long versionId, Instant createdAt, String runtimeEnvironment, String location) {}
