package dev.shardline.kinesis.reader;

import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a consumer's child shards paused until their parents are read to their end, as the KCL does. What it pauses it
 * remembers, and it resumes only those: a caller's own pauses are left alone.
 */
final class LineageHold {

    /** How often the catalog (a parent's end) and the group's offsets are asked again while a child waits. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(LineageHold.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final ShardMap shards;
    private final Clock clock;
    private final Set<TopicPartition> held = new HashSet<>();
    /** Parents read to their end: they stay so, since offsets only move on and a partition is never reused. */
    private final Set<Integer> finished = new HashSet<>();
    /** Per parent read by another group member: the group's committed offset, or the first one left if higher. */
    private final Map<Integer, Long> groupProgress = new HashMap<>();

    private Instant nextCheck = Instant.MIN;

    LineageHold(String topic, ShardMap shards, Clock clock) {
        this.topic = topic;
        this.shards = shards;
        this.clock = clock;
    }

    void hold(Consumer<?, ?> consumer, ToLongFunction<TopicPartition> readUpTo) {
        Set<TopicPartition> assigned = consumer.assignment().stream()
                .filter(tp -> tp.topic().equals(topic))
                .collect(Collectors.toSet());
        Set<TopicPartition> paused = consumer.paused();
        held.retainAll(paused); // a revoked partition loses its pause, and one the caller resumed is its own again
        Set<TopicPartition> waiting = waitingAfterLookups(consumer, assigned, readUpTo);
        List<TopicPartition> pause =
                waiting.stream().filter(tp -> !paused.contains(tp)).toList();
        List<TopicPartition> resume =
                held.stream().filter(tp -> !waiting.contains(tp)).toList();
        if (!pause.isEmpty()) {
            consumer.pause(pause);
            held.addAll(pause);
            log.debug("Holding {} until their parent shards are read to their end", pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
            resume.forEach(held::remove);
            log.debug("Parents of {} are read to their end: reading them", resume);
        }
    }

    /** The partitions that must wait; while some do, the catalog and the group are asked again now and then. */
    private Set<TopicPartition> waitingAfterLookups(
            Consumer<?, ?> consumer, Set<TopicPartition> assigned, ToLongFunction<TopicPartition> readUpTo) {
        Set<TopicPartition> waiting = waiting(assigned, readUpTo);
        Instant now = clock.instant();
        if ((shards.looked() && waiting.isEmpty()) || now.isBefore(nextCheck)) {
            return waiting;
        }
        nextCheck = now.plus(CHECK_INTERVAL);
        lookAgain(consumer, assigned, waiting);
        return waiting(assigned, readUpTo);
    }

    private Set<TopicPartition> waiting(Set<TopicPartition> assigned, ToLongFunction<TopicPartition> readUpTo) {
        return assigned.stream()
                .filter(tp -> waits(tp.partition(), assigned, readUpTo))
                .collect(Collectors.toSet());
    }

    private boolean waits(int partition, Set<TopicPartition> assigned, ToLongFunction<TopicPartition> readUpTo) {
        CatalogShard shard = shards.get(partition);
        if (shard == null) {
            // A partition the shard map does not have yet is a resharding under way: it holds no records before it has.
            return shards.streamFound();
        }
        return shard.parentPartitions().stream().anyMatch(parent -> !finished(parent, assigned, readUpTo));
    }

    private boolean finished(int parent, Set<TopicPartition> assigned, ToLongFunction<TopicPartition> readUpTo) {
        if (finished.contains(parent)) {
            return true;
        }
        CatalogShard shard = shards.get(parent);
        if (shard == null) {
            return true; // not in the shard map: nothing of it to wait for
        }
        Long end = shard.endingOffset();
        if (end == null) {
            return false; // open, or closed while writes by the old shard map may still land
        }
        TopicPartition tp = new TopicPartition(topic, parent);
        // Our own parent by how far we got, not by a commit that may only follow the child's records.
        long progress = assigned.contains(tp) ? readUpTo.applyAsLong(tp) : groupProgress.getOrDefault(parent, -1L);
        if (progress < end) {
            return false;
        }
        finished.add(parent);
        return true;
    }

    private void lookAgain(Consumer<?, ?> consumer, Set<TopicPartition> assigned, Set<TopicPartition> waiting) {
        if (!shards.looked() || waiting.stream().anyMatch(tp -> needsShardMap(tp.partition()))) {
            try {
                shards.refresh();
            } catch (RuntimeException e) {
                log.warn("Looking up the shard map of {} failed; its children wait", topic, e);
            }
        }
        Set<TopicPartition> othersParents = new HashSet<>();
        for (TopicPartition child : waiting) {
            CatalogShard shard = shards.get(child.partition());
            if (shard == null) {
                continue;
            }
            for (int parent : shard.parentPartitions()) {
                TopicPartition tp = new TopicPartition(topic, parent);
                CatalogShard parentShard = shards.get(parent);
                if (!finished.contains(parent)
                        && !assigned.contains(tp)
                        && parentShard != null
                        && parentShard.endingOffset() != null) {
                    othersParents.add(tp);
                }
            }
        }
        if (!othersParents.isEmpty()) {
            readGroupProgress(consumer, othersParents);
        }
    }

    /** Whether a waiting child, or one of its unfinished parents, needs the catalog's newer word. */
    private boolean needsShardMap(int partition) {
        CatalogShard shard = shards.get(partition);
        return shard == null
                || shard.parentPartitions().stream()
                        .map(shards::get)
                        .anyMatch(parent -> parent != null
                                && parent.endingOffset() == null
                                && !finished.contains(parent.partition()));
    }

    /**
     * A parent that another member reads counts by the group's commit; one whose records expired (retention) has its
     * first offset left at or past its end and counts as read.
     */
    private void readGroupProgress(Consumer<?, ?> consumer, Set<TopicPartition> parents) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(parents, LOOKUP_TIMEOUT);
            Map<TopicPartition, Long> first = consumer.beginningOffsets(parents, LOOKUP_TIMEOUT);
            for (TopicPartition tp : parents) {
                OffsetAndMetadata commit = committed.get(tp);
                long progress = Math.max(commit == null ? 0 : commit.offset(), first.getOrDefault(tp, 0L));
                groupProgress.put(tp.partition(), progress);
            }
        } catch (KafkaException e) {
            log.warn("Reading the group's offsets of parent shards {} failed; their children wait", parents, e);
        }
    }
}
