package dev.shardline.streams.stream;

import dev.shardline.streams.StreamsProperties;
import dev.shardline.streams.kafka.StreamTopics;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private final StreamTopics topics;
    private final StreamResharding resharding;
    private final StreamsProperties.OnDemand policy;
    private final Clock clock;
    private final Map<UUID, Sample> samples = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "on-demand-scaler");
        thread.setDaemon(true);
        return thread;
    });

    // Five: it reads the streams and their topics' offsets and reshards them, by its policy (properties) and the clock.
    OnDemandScaler(
            StreamRepository streams,
            StreamTopics topics,
            StreamResharding resharding,
            StreamsProperties properties,
            Clock clock) {
        this.streams = streams;
        this.topics = topics;
        this.resharding = resharding;
        this.policy = properties.onDemand();
        this.clock = clock;
    }

    /** One measurement of a stream's open shards: end offsets, and how many evaluations each has been hot or cold. */
    private record Sample(
            long atMillis, Map<Integer, Long> ends, Map<Integer, Integer> hot, Map<Integer, Integer> cold) {}

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long interval = policy.evaluationInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::evaluateAll, interval, interval, TimeUnit.MILLISECONDS);
    }

    void evaluateAll() {
        try {
            List<KinesisStream> onDemand = streams.findByModeAndStatus(StreamMode.ON_DEMAND, StreamStatus.ACTIVE);
            samples.keySet().retainAll(onDemand.stream().map(KinesisStream::id).toList());
            onDemand.forEach(this::evaluate);
        } catch (RuntimeException e) {
            log.warn("ON_DEMAND evaluation failed; trying again at the next interval", e);
        }
    }

    private void evaluate(KinesisStream stream) {
        List<ShardView> open = stream.openShardViews().stream()
                .sorted(Comparator.comparing(s -> s.hashKeyRange().start()))
                .toList();
        Map<Integer, Long> ends = topics.endOffsets(
                stream.topic(), open.stream().map(ShardView::index).toList());
        long now = clock.millis();
        Sample previous = samples.get(stream.id());
        if (previous == null || !previous.ends().keySet().equals(ends.keySet())) {
            // First look at this shard map: rates need two measurements.
            samples.put(stream.id(), new Sample(now, ends, Map.of(), Map.of()));
            return;
        }
        double seconds = Math.max(0.001, (now - previous.atMillis()) / 1000.0);
        Map<Integer, Integer> hot = new HashMap<>();
        Map<Integer, Integer> cold = new HashMap<>();
        for (ShardView shard : open) {
            double rate = (ends.get(shard.index()) - previous.ends().get(shard.index())) / seconds;
            if (rate > policy.splitAboveRecordsPerSecond()) {
                hot.put(shard.index(), previous.hot().getOrDefault(shard.index(), 0) + 1);
            }
            if (rate < policy.mergeBelowRecordsPerSecond()) {
                cold.put(shard.index(), previous.cold().getOrDefault(shard.index(), 0) + 1);
            }
        }
        samples.put(stream.id(), new Sample(now, ends, hot, cold));
        List<ShardView> toSplit = open.stream()
                .filter(s -> hot.getOrDefault(s.index(), 0) >= policy.hotEvaluations())
                .filter(s -> s.hashKeyRange().end().compareTo(s.hashKeyRange().start()) > 0)
                .limit(Math.max(0, policy.maxShards() - open.size()))
                .toList();
        if (!toSplit.isEmpty()) {
            reshard(
                    stream,
                    plan -> {
                        toSplit.forEach(s -> plan.split(s.index(), midpoint(s)));
                        return plan;
                    },
                    "split hot shards "
                            + toSplit.stream().map(ShardView::shardId).toList());
            return;
        }
        List<ShardView[]> pairs = new ArrayList<>();
        int remaining = open.size();
        for (int i = 0; i + 1 < open.size() && remaining > policy.minShards(); i++) {
            ShardView left = open.get(i);
            ShardView right = open.get(i + 1);
            if (cold.getOrDefault(left.index(), 0) >= policy.coldEvaluations()
                    && cold.getOrDefault(right.index(), 0) >= policy.coldEvaluations()) {
                pairs.add(new ShardView[] {left, right});
                remaining--;
                i++;
            }
        }
        if (!pairs.isEmpty()) {
            reshard(
                    stream,
                    plan -> {
                        pairs.forEach(p -> plan.merge(p[0].index(), p[1].index()));
                        return plan;
                    },
                    "merge cold shards "
                            + pairs.stream()
                                    .map(p -> p[0].shardId() + "+" + p[1].shardId())
                                    .toList());
        }
    }

    private void reshard(
            KinesisStream stream, java.util.function.Function<ReshardPlan, ReshardPlan> planner, String why) {
        if (resharding.rescale(stream.id(), planner)) {
            samples.remove(stream.id());
            log.info("ON_DEMAND stream {}: {}", stream.name(), why);
        }
    }

    private static java.math.BigInteger midpoint(ShardView shard) {
        return shard.hashKeyRange()
                .start()
                .add(shard.hashKeyRange().end())
                .add(java.math.BigInteger.ONE)
                .shiftRight(1);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
