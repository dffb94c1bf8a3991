package dev.shardline.streams.stream;

import dev.shardline.streams.StreamsProperties;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Manages the shards of ON_DEMAND streams: measures each open shard's write rate from its partition's end offset
 * (so the measure covers every instance's writes), splits shards that stay hot and merges adjacent pairs that stay
 * cold, through the same pairwise resharding as SplitShard and MergeShards.
 */
@Component
class OnDemandScaler {

    private static final Logger log = LoggerFactory.getLogger(OnDemandScaler.class);

    private final StreamRepository streams;
    private final ShardLoad load;
    private final StreamResharding resharding;
    private final StreamsProperties.OnDemand policy;
    private final OnDemandPolicy decisions;
    private final Clock clock;
    private final Map<UUID, OnDemandPolicy.Sample> samples = new ConcurrentHashMap<>();
    /** Streams whose last evaluation failed: warned once, not every interval. */
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "on-demand-scaler");
        thread.setDaemon(true);
        return thread;
    });

    // Five: it reads the streams and their shards' load and reshards them, by its policy (properties) and the clock.
    OnDemandScaler(
            StreamRepository streams,
            ShardLoad load,
            StreamResharding resharding,
            StreamsProperties properties,
            Clock clock) {
        this.streams = streams;
        this.load = load;
        this.resharding = resharding;
        this.policy = properties.onDemand();
        this.decisions = new OnDemandPolicy(policy);
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long interval = policy.evaluationInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::evaluateAll, interval, interval, TimeUnit.MILLISECONDS);
    }

    void evaluateAll() {
        List<KinesisStream> onDemand;
        try {
            onDemand = streams.findByModeAndStatus(StreamMode.ON_DEMAND, StreamStatus.ACTIVE);
        } catch (RuntimeException e) {
            log.warn("ON_DEMAND evaluation failed; trying again at the next interval", e);
            return;
        }
        List<UUID> ids = onDemand.stream().map(KinesisStream::id).toList();
        samples.keySet().retainAll(ids);
        failing.retainAll(ids);
        for (KinesisStream stream : onDemand) {
            // One stream whose topic cannot be read (new partitions not yet in the metadata) must not stop the others.
            try {
                evaluate(stream);
                failing.remove(stream.id());
            } catch (RuntimeException e) {
                if (failing.add(stream.id())) {
                    log.warn("ON_DEMAND evaluation of stream {} failed: {}", stream.name(), e.toString());
                } else {
                    log.debug("ON_DEMAND evaluation of stream {} failed again", stream.name(), e);
                }
            }
        }
    }

    private void evaluate(KinesisStream stream) {
        List<ShardView> open = stream.openShardViews();
        ShardLoad.Totals totals = load.measure(stream, open);
        OnDemandPolicy.Step step =
                decisions.evaluate(samples.get(stream.id()), open, totals.records(), totals.bytes(), clock.millis());
        samples.put(stream.id(), step.sample());
        if (!step.split().isEmpty()) {
            reshard(
                    stream,
                    plan -> {
                        step.split().forEach(s -> plan.split(s.index(), OnDemandPolicy.midpoint(s)));
                        return plan;
                    },
                    "split hot shards "
                            + step.split().stream().map(ShardView::shardId).toList());
        } else if (!step.merge().isEmpty()) {
            reshard(
                    stream,
                    plan -> {
                        step.merge()
                                .forEach(m ->
                                        plan.merge(m.left().index(), m.right().index()));
                        return plan;
                    },
                    "merge cold shards "
                            + step.merge().stream()
                                    .map(m ->
                                            m.left().shardId() + "+" + m.right().shardId())
                                    .toList());
        }
    }

    private void reshard(KinesisStream stream, Function<ReshardPlan, ReshardPlan> planner, String why) {
        if (resharding.rescale(stream.id(), planner)) {
            samples.remove(stream.id());
            log.info("ON_DEMAND stream {}: {}", stream.name(), why);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
