package dev.shardline.analytics.connector;

import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;

/** A reader tells the enumerator which shards it read to their end: their children may be handed out now. */
record ShardsFinished(Set<Integer> partitions) implements SourceEvent {}
