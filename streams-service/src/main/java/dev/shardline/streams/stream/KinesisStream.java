package dev.shardline.streams.stream;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.lifecycle.StateMachine;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A Kinesis stream: the aggregate that owns its shards and refuses illegal state changes. */
@Entity
@Table(schema = "streams", name = "stream")
@EntityListeners(CatalogOutbox.class)
public class KinesisStream {

    static final int MIN_RETENTION_HOURS = 24;
    static final int MAX_RETENTION_HOURS = 8760;
    static final int SMALLEST_MAX_RECORD_SIZE_KIB = 1024;
    static final int LARGEST_MAX_RECORD_SIZE_KIB = 10240;

    /** AWS's stream states and the moves between them; everything else is refused as ResourceInUseException. */
    static final StateMachine<StreamStatus> LIFECYCLE = StateMachine.of(StreamStatus.class)
            .allow(StreamStatus.CREATING, StreamStatus.ACTIVE)
            .allow(StreamStatus.UPDATING, StreamStatus.ACTIVE)
            .allow(StreamStatus.ACTIVE, StreamStatus.UPDATING)
            .allow(StreamStatus.ACTIVE, StreamStatus.DELETING)
            .allow(StreamStatus.UPDATING, StreamStatus.DELETING)
            .build();

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(nullable = false)
    private String region;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private StreamStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "stream_mode", nullable = false)
    private StreamMode mode;

    @Column(name = "retention_hours", nullable = false)
    private int retentionHours;

    @Column(nullable = false)
    private String topic;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "status_changed_at", nullable = false)
    private Instant statusChangedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "encryption_type", nullable = false)
    private EncryptionType encryptionType = EncryptionType.NONE;

    @Column(name = "key_id")
    private String keyId;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(schema = "streams", name = "shard", joinColumns = @JoinColumn(name = "stream_id"))
    @OrderBy("index")
    private List<Shard> shards = new ArrayList<>();

    @Column(name = "max_record_size_kib", nullable = false)
    private int maxRecordSizeKib = SMALLEST_MAX_RECORD_SIZE_KIB;

    // AWS metric names, comma-separated; a plain column keeps the aggregate to one eager collection (its shards).
    @Column(name = "shard_level_metrics", nullable = false)
    private String shardLevelMetrics = "";

    protected KinesisStream() {}

    /** A new stream in CREATING, its key space divided evenly among {@code shardCount} shards. */
    public static KinesisStream create(
            StreamRef ref, int shardCount, StreamMode mode, int retentionHours, String topicPrefix, Instant now) {
        KinesisStream stream = new KinesisStream();
        stream.id = UUID.randomUUID();
        stream.accountId = ref.accountId();
        stream.region = ref.region();
        stream.name = ref.name();
        stream.status = StreamStatus.CREATING;
        stream.mode = mode;
        stream.retentionHours = retentionHours;
        stream.topic = topicPrefix + stream.id;
        stream.createdAt = now;
        stream.statusChangedAt = now;
        List<HashKeyRange> ranges = HashKeyRange.divide(shardCount);
        for (int i = 0; i < shardCount; i++) {
            stream.shards.add(new Shard(i, ranges.get(i), now));
        }
        return stream;
    }

    /** CREATING (or UPDATING) becomes ACTIVE once its topic is ready. */
    public void markActive(Instant now) {
        moveTo(StreamStatus.ACTIVE, StreamStatus.CREATING, now);
    }

    /**
     * Starts a resharding: the stream turns UPDATING and the plan's shards are stored as pending. Only an ACTIVE
     * stream reshards, so a second resharding call meanwhile gets ResourceInUseException, as in AWS.
     */
    public void beginReshard(ReshardPlan plan, Instant now) {
        moveTo(StreamStatus.UPDATING, StreamStatus.ACTIVE, now);
        plan.newShards().forEach(planned -> shards.add(Shard.pending(planned, now)));
    }

    /**
     * Switches the shard map over: pending shards open (or, when the plan itself closes them again, open and close
     * at once) and their parents close to writes.
     */
    public void switchShardMap(Instant now) {
        java.util.Set<Integer> parents = new java.util.HashSet<>();
        for (Shard shard : shards) {
            if (shard.isPending()) {
                if (shard.parentIndex() != null) {
                    parents.add(shard.parentIndex());
                }
                if (shard.adjacentParentIndex() != null) {
                    parents.add(shard.adjacentParentIndex());
                }
            }
        }
        for (Shard shard : shards) {
            if (shard.isPending()) {
                shard.open(now);
            }
            if (parents.contains(shard.index()) && shard.closedAt() == null) {
                shard.close(now);
            }
        }
    }

    /** Shards closed by the switch-over whose ending offset is not fixed yet. */
    public List<Shard> closingShards() {
        return shards.stream()
                .filter(s -> s.closedAt() != null && s.endingOffset() == null)
                .toList();
    }

    public boolean hasPendingShards() {
        return shards.stream().anyMatch(Shard::isPending);
    }

    /** Ends a resharding: every closed shard's last offset is known, and the stream is ACTIVE again. */
    public void finishReshard(java.util.Map<Integer, Long> endOffsets, Instant now) {
        for (Shard shard : closingShards()) {
            shard.fixEnd(endOffsets.getOrDefault(shard.index(), 0L));
        }
        status = StreamStatus.ACTIVE;
        statusChangedAt = now;
    }

    /** UpdateStreamMode's part of the state change; the caller moves the stream through UPDATING. */
    void changeMode(StreamMode newMode) {
        requireActive();
        mode = newMode;
    }

    /** The index the next new shard gets: shard indices, like Kafka partitions, are never reused. */
    public int nextShardIndex() {
        return shards.size();
    }

    /**
     * StartStreamEncryption ({@code KMS} and a key id) or StopStreamEncryption ({@code NONE}): only an ACTIVE stream
     * changes, and it is UPDATING until every instance writes with the new setting.
     */
    public void changeEncryption(EncryptionType type, String keyId, Instant now) {
        moveTo(StreamStatus.UPDATING, StreamStatus.ACTIVE, now);
        encryptionType = type;
        this.keyId = type == EncryptionType.NONE ? null : keyId;
    }

    /** Any state but DELETING may be deleted; AWS refuses a stream that is still CREATING unless forced. */
    public void beginDelete(Instant now) {
        moveTo(StreamStatus.DELETING, StreamStatus.ACTIVE, now);
    }

    /**
     * IncreaseStreamRetentionPeriod: an ACTIVE stream keeps its records longer and is UPDATING until its topic
     * follows. Returns whether anything changed (asking for the current period changes nothing).
     */
    public boolean increaseRetention(int hours, Instant now) {
        checkRetention(hours);
        if (hours < retentionHours) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Requested retention period (" + hours + " hours) for stream "
                    + name + " can not be shorter than existing retention period (" + retentionHours
                    + " hours). Use DecreaseRetentionPeriod API.");
        }
        return changeRetention(hours, now);
    }

    /** DecreaseStreamRetentionPeriod: the mirror of {@link #increaseRetention}. */
    public boolean decreaseRetention(int hours, Instant now) {
        checkRetention(hours);
        if (hours > retentionHours) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Requested retention period (" + hours + " hours) for stream "
                    + name + " can not be longer than existing retention period (" + retentionHours
                    + " hours). Use IncreaseRetentionPeriod API.");
        }
        return changeRetention(hours, now);
    }

    private boolean changeRetention(int hours, Instant now) {
        requireActive();
        if (hours == retentionHours) {
            return false;
        }
        beginUpdate(now);
        retentionHours = hours;
        return true;
    }

    private static void checkRetention(int hours) {
        if (hours < MIN_RETENTION_HOURS) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Minimum allowed retention period is " + MIN_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too short.");
        }
        if (hours > MAX_RETENTION_HOURS) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Maximum allowed retention period is " + MAX_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too long.");
        }
    }

    /** UpdateMaxRecordSize: the largest record (data blob plus partition key) the stream takes, in KiB. */
    public boolean updateMaxRecordSize(int kib, Instant now) {
        if (kib < SMALLEST_MAX_RECORD_SIZE_KIB || kib > LARGEST_MAX_RECORD_SIZE_KIB) {
            throw new IllegalArgumentException("MaxRecordSizeInKiB out of range: " + kib);
        }
        requireActive();
        if (kib == maxRecordSizeKib) {
            return false;
        }
        beginUpdate(now);
        maxRecordSizeKib = kib;
        return true;
    }

    /** EnableEnhancedMonitoring: adds shard-level metrics to those already enabled. */
    public boolean enableMetrics(Set<ShardLevelMetric> metrics, Instant now) {
        Set<ShardLevelMetric> desired = shardLevelMetrics();
        desired.addAll(metrics);
        return changeMetrics(desired, now);
    }

    /** DisableEnhancedMonitoring: removes shard-level metrics; metrics that were not enabled are ignored. */
    public boolean disableMetrics(Set<ShardLevelMetric> metrics, Instant now) {
        Set<ShardLevelMetric> desired = shardLevelMetrics();
        desired.removeAll(metrics);
        return changeMetrics(desired, now);
    }

    private boolean changeMetrics(Set<ShardLevelMetric> desired, Instant now) {
        requireActive();
        if (desired.equals(shardLevelMetrics())) {
            return false;
        }
        beginUpdate(now);
        shardLevelMetrics = desired.stream().map(ShardLevelMetric::awsName).collect(Collectors.joining(","));
        return true;
    }

    /** ACTIVE becomes UPDATING while a change is applied; {@link #markActive} ends it. */
    public void beginUpdate(Instant now) {
        moveTo(StreamStatus.UPDATING, StreamStatus.ACTIVE, now);
    }

    /** Moves to {@code target} if the lifecycle allows it; the refusal names the state the move needs. */
    private void moveTo(StreamStatus target, StreamStatus needed, Instant now) {
        status = LIFECYCLE.move(status, target, (from, to) -> notActive(needed));
        statusChangedAt = now;
    }

    private void requireActive() {
        StateMachine.require(status, (current, allowed) -> notActive(StreamStatus.ACTIVE), StreamStatus.ACTIVE);
    }

    private RuntimeException notActive(StreamStatus expected) {
        return AwsErrorType.RESOURCE_IN_USE.exception(
                "Stream " + name + " under account " + accountId + " not " + expected + ", instead in state " + status);
    }

    public UUID id() {
        return id;
    }

    public StreamRef ref() {
        return new StreamRef(accountId, region, name);
    }

    public String name() {
        return name;
    }

    public StreamStatus status() {
        return status;
    }

    public StreamMode mode() {
        return mode;
    }

    public int retentionHours() {
        return retentionHours;
    }

    public String topic() {
        return topic;
    }

    public EncryptionType encryptionType() {
        return encryptionType;
    }

    public String keyId() {
        return keyId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }

    public List<Shard> shards() {
        return List.copyOf(shards);
    }

    public long openShardCount() {
        return shards.stream().filter(Shard::isOpen).count();
    }

    public List<ShardView> openShardViews() {
        return shards.stream().filter(Shard::isOpen).map(ShardView::of).toList();
    }

    public int maxRecordSizeKib() {
        return maxRecordSizeKib;
    }

    /** The enabled shard-level metrics, a fresh set in AWS's order. */
    public Set<ShardLevelMetric> shardLevelMetrics() {
        Set<ShardLevelMetric> metrics = EnumSet.noneOf(ShardLevelMetric.class);
        if (!shardLevelMetrics.isEmpty()) {
            Arrays.stream(shardLevelMetrics.split(","))
                    .map(name -> ShardLevelMetric.fromAwsName(name).orElseThrow())
                    .forEach(metrics::add);
        }
        return metrics;
    }
}
