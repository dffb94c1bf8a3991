package dev.shardline.analytics.application;

import java.time.Instant;

/**
 * An operation as ApplicationOperationInfoDetails describes it.
 *
 * @param errorString why it FAILED (the engine's message), else null
 * @param versionUpdatedFrom with {@code versionUpdatedTo}: the version change it made, if any
 */
public record OperationView(
        String operationId,
        String operation,
        String status,
        Instant startTime,
        Instant endTime,
        String errorString,
        Long versionUpdatedFrom,
        Long versionUpdatedTo) {}
