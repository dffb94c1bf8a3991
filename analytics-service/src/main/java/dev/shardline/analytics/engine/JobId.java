package dev.shardline.analytics.engine;

/** A job as the engine that runs it names it (Flink's job id, in hex). */
public record JobId(String value) {}
