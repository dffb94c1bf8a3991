package dev.shardline.analytics.connector;

import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the stream's shards in the catalog now and then and hands each to a reader once its parents are read to their
 * end, so a partition key's records come out in the order they were put across a split or merge (as AWS's connector and
 * the KCL read them). Readers report finished shards with {@link ShardsFinished}.
 */
final class ShardEnumerator implements SplitEnumerator<ShardSplit, EnumeratorState> {

    private static final Logger log = LoggerFactory.getLogger(ShardEnumerator.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final SplitEnumeratorContext<ShardSplit> context;
    private final StreamSource.Settings settings;
    private final Map<Integer, ShardSplit> waiting = new LinkedHashMap<>();
    private final Set<Integer> assigned = new HashSet<>();
    private final Set<Integer> finished = new HashSet<>();
    private boolean discovered;
    private Admin admin;

    ShardEnumerator(SplitEnumeratorContext<ShardSplit> context, StreamSource.Settings settings, EnumeratorState state) {
        this.context = context;
        this.settings = settings;
        state.waiting().forEach(split -> waiting.put(split.partition(), split));
        assigned.addAll(state.assigned());
        finished.addAll(state.finished());
        discovered = state.discovered();
    }

    @Override
    public void start() {
        admin = Admin.create(new HashMap<>(settings.kafka()));
        context.callAsync(
                this::discover, this::found, 0, settings.discoveryInterval().toMillis());
    }

    /** New shards as splits, their start resolved (on the coordinator's I/O thread: it may ask Kafka). */
    private List<ShardSplit> discover() throws Exception {
        CatalogStream stream = ShardlineStreams.get(settings.engine())
                .catalog()
                .find(settings.streamArn())
                .filter(s -> s.topic().equals(settings.topic()))
                .orElse(null);
        if (stream == null) {
            log.warn("Stream {} (topic {}) is gone: no shards to find", settings.streamArn(), settings.topic());
            return List.of();
        }
        List<CatalogShard> fresh;
        boolean first;
        synchronized (this) {
            fresh = stream.shards().stream().filter(s -> !known(s.partition())).toList();
            first = !discovered;
        }
        if (fresh.isEmpty()) {
            return List.of();
        }
        Map<Integer, Long> starts = first ? initialOffsets(fresh) : Map.of();
        List<ShardSplit> splits = new ArrayList<>(fresh.size());
        for (CatalogShard shard : fresh) {
            splits.add(new ShardSplit(
                    shard.partition(),
                    shard.shardId(),
                    shard.createdAt().getEpochSecond(),
                    starts.getOrDefault(shard.partition(), 0L),
                    shard.parentPartitions(),
                    false));
        }
        return splits;
    }

    /** Where the initial position puts the reader in each shard found first. */
    private Map<Integer, Long> initialOffsets(List<CatalogShard> shards) throws Exception {
        StartPosition start = settings.start();
        if (start.type() == StartPosition.Type.TRIM_HORIZON) {
            return Map.of();
        }
        OffsetSpec spec = start.type() == StartPosition.Type.LATEST
                ? OffsetSpec.latest()
                : OffsetSpec.forTimestamp(start.timestamp().toEpochMilli());
        Map<TopicPartition, OffsetSpec> request = shards.stream()
                .collect(Collectors.toMap(s -> new TopicPartition(settings.topic(), s.partition()), s -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(request)
                .all()
                .get(LOOKUP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = start.type() == StartPosition.Type.LATEST
                ? found
                : admin.listOffsets(request.keySet().stream()
                                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                        .all()
                        .get(LOOKUP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        Map<Integer, Long> offsets = new HashMap<>();
        found.forEach((tp, info) -> {
            // No record at or after the timestamp: start at the end.
            long offset = info.offset() >= 0 ? info.offset() : ends.get(tp).offset();
            offsets.put(tp.partition(), offset);
        });
        return offsets;
    }

    private synchronized void found(List<ShardSplit> splits, Throwable failure) {
        if (failure != null) {
            log.warn("Looking for the shards of {} failed; trying again", settings.streamArn(), failure);
            return;
        }
        for (ShardSplit split : splits) {
            if (!known(split.partition())) {
                waiting.put(split.partition(), split);
                log.debug(
                        "Found shard partition {} of {} (parents {})",
                        split.partition(),
                        settings.topic(),
                        split.parents());
            }
        }
        discovered = true;
        assignReady();
    }

    private boolean known(int partition) {
        return waiting.containsKey(partition) || assigned.contains(partition) || finished.contains(partition);
    }

    /** Hands out every waiting shard whose parents are finished (or unknown: expired) to its reader, if it is there. */
    private synchronized void assignReady() {
        int readers = context.currentParallelism();
        Set<Integer> registered = context.registeredReaders().keySet();
        List<ShardSplit> ready = waiting.values().stream()
                .filter(split -> split.parents().stream().allMatch(p -> finished.contains(p) || !known(p)))
                .toList();
        for (ShardSplit split : ready) {
            int reader = Math.floorMod(split.partition(), readers);
            if (registered.contains(reader)) {
                context.assignSplit(split, reader);
                waiting.remove(split.partition());
                assigned.add(split.partition());
            }
        }
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof ShardsFinished done) {
            synchronized (this) {
                finished.addAll(done.partitions());
                assigned.removeAll(done.partitions());
                waiting.keySet().removeAll(done.partitions());
            }
            assignReady();
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed as they become ready.
    }

    @Override
    public synchronized void addSplitsBack(List<ShardSplit> splits, int subtaskId) {
        for (ShardSplit split : splits) {
            assigned.remove(split.partition());
            if (split.finished()) {
                finished.add(split.partition());
            } else {
                waiting.put(split.partition(), split);
            }
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignReady();
    }

    @Override
    public synchronized EnumeratorState snapshotState(long checkpointId) {
        return new EnumeratorState(List.copyOf(waiting.values()), assigned, finished, discovered);
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
