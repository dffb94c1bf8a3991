package dev.shardline.streams.stream;

import dev.shardline.kinesis.ShardIds;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.StreamsProperties;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** SplitShard, MergeShards and UpdateShardCount: check the request, store the plan, let the executor carry it out. */
@Service
public class StreamResharding {

    private static final Logger log = LoggerFactory.getLogger(StreamResharding.class);

    private final StreamRepository streams;
    private final ReshardExecutor executor;
    private final StreamsProperties properties;
    private final Clock clock;

    StreamResharding(StreamRepository streams, ReshardExecutor executor, StreamsProperties properties, Clock clock) {
        this.streams = streams;
        this.executor = executor;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public void split(StreamRef ref, String shardId, BigInteger newStartingHashKey) {
        int index = shardIndex(ref, shardId);
        KinesisStream stream = load(ref);
        ShardView parent = openShard(stream, ref, index);
        // AWS's words and bounds: a child shard's range is never a single hash key
        if (newStartingHashKey.compareTo(parent.hashKeyRange().start().add(BigInteger.ONE)) <= 0
                || newStartingHashKey.compareTo(parent.hashKeyRange().end()) >= 0) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("NewStartingHashKey " + newStartingHashKey
                    + " used in SplitShard() on shard " + parent.shardId() + " in stream " + ref.name()
                    + " under account " + ref.accountId() + " is not both greater than one plus the shard's "
                    + "StartingHashKey " + parent.hashKeyRange().start() + " and less than the shard's EndingHashKey "
                    + parent.hashKeyRange().end() + ".");
        }
        begin(stream, plan(stream).split(parent.index(), newStartingHashKey));
    }

    @Transactional
    public void merge(StreamRef ref, String shardId, String adjacentShardId) {
        int firstIndex = shardIndex(ref, shardId);
        int secondIndex = shardIndex(ref, adjacentShardId);
        KinesisStream stream = load(ref);
        ShardView first = openShard(stream, ref, firstIndex);
        ShardView second = openShard(stream, ref, secondIndex);
        // As AWS: the shard to merge is the one below, its adjacent shard the one right above it
        if (!first.hashKeyRange().precedes(second.hashKeyRange())) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Shards " + first.shardId() + " and " + second.shardId()
                    + " in stream " + ref.name() + " under account " + ref.accountId()
                    + " are not an adjacent pair of shards eligible for merging");
        }
        begin(stream, plan(stream).merge(first.index(), second.index()));
    }

    /** Returns the open shard count before the change. */
    @Transactional
    public int updateShardCount(StreamRef ref, int target) {
        KinesisStream stream = load(ref);
        if (stream.mode() != StreamMode.PROVISIONED) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "UpdateShardCount is not supported for streams in ON_DEMAND mode. Stream " + ref.name()
                            + " under account " + ref.accountId() + " is in ON_DEMAND mode.");
        }
        int current = (int) stream.openShardCount();
        if (target > 2 * current) {
            throw AwsErrorType.LIMIT_EXCEEDED.exception("UpdateShardCount cannot scale up over double the current "
                    + "open shard count of " + current + " for stream " + ref.name() + " under account "
                    + ref.accountId() + ". Target shard count: " + target + ".");
        }
        if (target * 2 < current) {
            throw AwsErrorType.LIMIT_EXCEEDED.exception("UpdateShardCount cannot scale down below half the current "
                    + "open shard count of " + current + " for stream " + ref.name() + " under account "
                    + ref.accountId() + ". Target shard count: " + target + ".");
        }
        begin(stream, plan(stream).uniformScaling(target));
        return current;
    }

    /**
     * Reshards an ON_DEMAND stream as Shardline decides; returns false when the stream is busy or the planner found
     * nothing to do.
     */
    @Transactional
    public boolean rescale(UUID streamId, java.util.function.Function<ReshardPlan, ReshardPlan> planner) {
        KinesisStream stream = streams.lockById(streamId).orElse(null);
        if (stream == null || stream.status() != StreamStatus.ACTIVE || stream.mode() != StreamMode.ON_DEMAND) {
            return false;
        }
        ReshardPlan plan = planner.apply(plan(stream));
        if (plan.newShards().isEmpty()) {
            return false;
        }
        begin(stream, plan);
        return true;
    }

    /** UpdateStreamMode: the stream is UPDATING briefly, as in AWS, and keeps its shards. */
    @Transactional
    public void changeMode(StreamRef ref, StreamMode mode) {
        KinesisStream stream = load(ref);
        if (mode == StreamMode.ON_DEMAND
                && stream.mode() != StreamMode.ON_DEMAND
                && streams.countByMode(ref.accountId(), ref.region(), StreamMode.ON_DEMAND)
                        >= properties.onDemandStreamLimit()) {
            throw AwsErrorType.LIMIT_EXCEEDED.exception("This request would exceed the on-demand stream count limit "
                    + "for the account " + ref.accountId() + " in " + ref.region() + ". Limit: "
                    + properties.onDemandStreamLimit() + ".");
        }
        ReshardPlan nothing = plan(stream);
        stream.changeMode(mode);
        begin(stream, nothing);
    }

    private ReshardPlan plan(KinesisStream stream) {
        if (stream.status() != StreamStatus.ACTIVE) {
            throw AwsErrorType.RESOURCE_IN_USE.exception("Stream " + stream.name() + " under account "
                    + stream.ref().accountId() + " not ACTIVE, instead in state " + stream.status());
        }
        return new ReshardPlan(stream.openShardViews(), stream.nextShardIndex());
    }

    private void begin(KinesisStream stream, ReshardPlan plan) {
        long growth = plan.openAfter().size() - stream.openShardCount();
        long open =
                streams.countOpenShards(stream.ref().accountId(), stream.ref().region());
        if (growth > 0 && open + growth > properties.shardLimit()) {
            throw AwsErrorType.LIMIT_EXCEEDED.exception("This request would exceed the shard limit for the account "
                    + stream.ref().accountId() + " in " + stream.ref().region() + ". Current shard count for the "
                    + "account: " + open + ". Limit: " + properties.shardLimit() + ". Number of additional shards "
                    + "that would have resulted from this request: " + growth + ".");
        }
        stream.beginReshard(plan, clock.instant());
        List<String> created =
                plan.newShards().stream().map(s -> ShardIds.format(s.index())).toList();
        log.info("Stream {} resharding: closes {}, creates {}", stream.name(), plan.closedShards(), created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                executor.start(stream.id());
            }
        });
    }

    /** The shard index an id names, read as AWS reads it, before the stream is looked up (as AWS does). */
    private static int shardIndex(StreamRef ref, String shardId) {
        return ShardIds.parse(shardId).orElseThrow(() -> shardNotFound(ref, shardId));
    }

    private static ShardView openShard(KinesisStream stream, StreamRef ref, int index) {
        ShardView shard =
                StreamView.of(stream).shard(index).orElseThrow(() -> shardNotFound(ref, ShardIds.format(index)));
        if (!shard.isOpen()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Shard " + shard.shardId() + " in stream " + ref.name()
                    + " under account " + ref.accountId()
                    + " has already been merged or split, and thus is not eligible for merging or splitting.");
        }
        return shard;
    }

    private static AwsException shardNotFound(StreamRef ref, String shardId) {
        return AwsErrorType.RESOURCE_NOT_FOUND.exception("Could not find shard " + shardId + " in stream " + ref.name()
                + " under account " + ref.accountId() + ".");
    }

    private KinesisStream load(StreamRef ref) {
        return streams.lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> StreamErrors.notFound(ref));
    }
}
