package dev.shardline.streams.stream;

import dev.shardline.platform.lifecycle.BackgroundSteps;
import dev.shardline.streams.StreamsProperties;
import dev.shardline.streams.kafka.StreamTopics;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out a resharding that {@link StreamResharding} stored: adds the new shards' partitions, switches the shard
 * map over behind the {@link ShardMapFence}, waits until no instance can still route by the old map, then fixes where
 * each closed shard ends and makes the stream ACTIVE. Every step is idempotent and the state is in PostgreSQL, so a
 * resharding interrupted by a crash is finished at startup.
 */
@Component
class ReshardExecutor {

    private static final Logger log = LoggerFactory.getLogger(ReshardExecutor.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final StreamRepository streams;
    private final StreamTopics topics;
    private final ShardMapFence fence;
    private final TransactionTemplate transactions;
    private final StreamsProperties properties;
    private final Clock clock;
    private final BackgroundSteps steps = new BackgroundSteps("stream-resharding", RETRY_DELAY, log);

    // Six: each step loads the stream, grows its topic, switches the map under the fence and commits, timed by
    // properties
    // and the clock.
    ReshardExecutor(
            StreamRepository streams,
            StreamTopics topics,
            ShardMapFence fence,
            TransactionTemplate transactions,
            StreamsProperties properties,
            Clock clock) {
        this.streams = streams;
        this.topics = topics;
        this.fence = fence;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinishedReshardings() {
        // UPDATING streams without pending or closing shards are settings changes: StreamLifecycle settles those.
        streams.findByStatus(StreamStatus.UPDATING).stream()
                .filter(s -> s.hasPendingShards() || !s.closingShards().isEmpty())
                .forEach(s -> schedule(() -> switchOver(s.id()), Duration.ZERO));
    }

    void start(UUID streamId) {
        schedule(() -> switchOver(streamId), properties.stateTransitionDelay());
    }

    private void switchOver(UUID id) {
        KinesisStream stream = streams.findById(id).orElse(null);
        if (stream == null || stream.status() != StreamStatus.UPDATING) {
            return;
        }
        if (stream.hasPendingShards()) {
            topics.ensurePartitions(stream.topic(), stream.nextShardIndex());
            fence.switchOver(
                    stream.ref(),
                    id,
                    () -> transactions.executeWithoutResult(
                            tx -> streams.lockById(id).ifPresent(s -> s.switchShardMap(clock.instant()))));
            log.info("Stream {} switched to its new shard map", stream.name());
        }
        // Other instances route by their cached map for up to metadata-cache-ttl; their writes must land first.
        schedule(() -> finish(id), properties.metadataCacheTtl());
    }

    private void finish(UUID id) {
        KinesisStream stream = streams.findById(id).orElse(null);
        if (stream == null || stream.status() != StreamStatus.UPDATING) {
            return;
        }
        List<Integer> closing =
                stream.closingShards().stream().map(Shard::index).toList();
        Map<Integer, Long> ends = closing.isEmpty() ? Map.of() : topics.endOffsets(stream.topic(), closing);
        transactions.executeWithoutResult(
                tx -> streams.lockById(id).ifPresent(s -> s.finishReshard(ends, clock.instant())));
        fence.refresh(id);
        log.info("Stream {} is ACTIVE after its update; closed shards {}", stream.name(), closing);
    }

    private void schedule(Runnable step, Duration delay) {
        steps.schedule(step, delay);
    }

    @PreDestroy
    void stop() {
        steps.close();
    }
}
