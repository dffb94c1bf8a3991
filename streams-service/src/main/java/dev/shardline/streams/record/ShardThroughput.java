package dev.shardline.streams.record;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.StreamsProperties;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.ShardWrites;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamView;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * The throughput limits of a stream, as AWS enforces them. Per shard, in both capacity modes: writes of at most 1 MiB/s
 * and 1,000 records/s, reads of at most 2 MiB/s and 5 GetRecords calls/s. A GetRecords that returned more than its
 * share (up to 10 MiB) puts the shard's read budget in debt, so the following seconds' reads are throttled. An
 * ON_DEMAND stream as a whole is also held to its write quota (AWS On-demand Standard: 200 MiB/s and 200,000
 * records/s), whatever its shard count; its scaler adds shards as its traffic grows. Token buckets (Bucket4j) per shard
 * or stream and instance. A record larger than a budget (above 1 MiB once the stream's MaxRecordSizeInKiB is raised)
 * bursts through when the budget is whole and leaves it in debt, so it still averages its rate: AWS "can burst up to
 * 10 MiB, while averaging 1 MiB per second".
 */
@Component
class ShardThroughput implements ShardWrites {

    static final long WRITE_BYTES_PER_SECOND = 1024 * 1024;
    static final long WRITE_RECORDS_PER_SECOND = 1000;
    static final long READ_BYTES_PER_SECOND = 2 * 1024 * 1024;
    static final long READ_CALLS_PER_SECOND = 5;

    private final boolean enforced;
    private final long streamWriteBytesPerSecond;
    private final long streamWriteRecordsPerSecond;
    private final Map<Key, Buckets> buckets = new ConcurrentHashMap<>();
    private final Map<UUID, WriteBudget> streamWrites = new ConcurrentHashMap<>();
    private final Map<Key, LongAdder> written = new ConcurrentHashMap<>();

    ShardThroughput(StreamsProperties properties) {
        this.enforced = properties.enforceThroughputLimits();
        this.streamWriteBytesPerSecond =
                properties.onDemand().maxWriteBytesPerSecond().toBytes();
        this.streamWriteRecordsPerSecond = properties.onDemand().maxWriteRecordsPerSecond();
    }

    private record Key(UUID streamId, int shardIndex) {}

    private record Buckets(WriteBudget write, Bucket readCalls, Bucket readBytes) {}

    /** Which budget a write was refused by, if any: AWS words a shard's refusal and a stream's differently. */
    enum Write {
        ADMITTED,
        SHARD_EXCEEDED,
        STREAM_EXCEEDED
    }

    /** A write budget of records and bytes per second, which a record larger than the byte budget may overdraw. */
    private record WriteBudget(Bucket records, Bucket bytes, long bytesPerSecond) {

        static WriteBudget of(long recordsPerSecond, long bytesPerSecond) {
            return new WriteBudget(perSecond(recordsPerSecond), perSecond(bytesPerSecond), bytesPerSecond);
        }

        boolean tryTake(long size) {
            if (!records.tryConsume(1)) {
                return false;
            }
            if (size > bytesPerSecond && bytes.getAvailableTokens() >= bytesPerSecond) {
                bytes.consumeIgnoringRateLimits(size);
                return true;
            }
            if (!bytes.tryConsume(size)) {
                records.addTokens(1);
                return false;
            }
            return true;
        }

        void giveBack(long size) {
            records.addTokens(1);
            bytes.addTokens(size);
        }
    }

    /** Takes one record of {@code bytes} from the shard's write budget, and from an ON_DEMAND stream's. */
    Write tryWrite(StreamView stream, ShardView shard, long bytes) {
        Write write = admit(stream, shard, bytes);
        if (write == Write.ADMITTED) {
            written.computeIfAbsent(new Key(stream.id(), shard.index()), key -> new LongAdder())
                    .add(bytes);
        }
        return write;
    }

    private Write admit(StreamView stream, ShardView shard, long bytes) {
        if (!enforced) {
            return Write.ADMITTED;
        }
        WriteBudget shardBudget = buckets(stream, shard).write();
        if (!shardBudget.tryTake(bytes)) {
            return Write.SHARD_EXCEEDED;
        }
        if (stream.mode() == StreamMode.ON_DEMAND
                && !streamWrites
                        .computeIfAbsent(
                                stream.id(),
                                id -> WriteBudget.of(streamWriteRecordsPerSecond, streamWriteBytesPerSecond))
                        .tryTake(bytes)) {
            shardBudget.giveBack(bytes);
            return Write.STREAM_EXCEEDED;
        }
        return Write.ADMITTED;
    }

    @Override
    public long bytesWritten(UUID streamId, int shardIndex) {
        LongAdder bytes = written.get(new Key(streamId, shardIndex));
        return bytes == null ? 0 : bytes.sum();
    }

    /** Admits one GetRecords call, or throws AWS's ProvisionedThroughputExceededException. */
    void admitRead(StreamView stream, ShardView shard) {
        if (!enforced) {
            return;
        }
        Buckets b = buckets(stream, shard);
        if (b.readBytes().getAvailableTokens() <= 0 || !b.readCalls().tryConsume(1)) {
            throw exceeded(stream, shard);
        }
    }

    /** Charges the bytes a GetRecords call returned, going into debt when it returned more than the budget held. */
    void chargeRead(StreamView stream, ShardView shard, long bytes) {
        if (enforced && bytes > 0) {
            buckets(stream, shard).readBytes().consumeIgnoringRateLimits(bytes);
        }
    }

    static AwsException exceeded(StreamView stream, ShardView shard) {
        return AwsErrorType.PROVISIONED_THROUGHPUT_EXCEEDED.exception(
                "Rate exceeded for shard " + shard.shardId() + " in stream "
                        + stream.ref().name() + " under account " + stream.ref().accountId() + ".");
    }

    /** AWS's wording when a stream as a whole, not one of its shards, is over its rate. */
    static AwsException streamExceeded(StreamView stream) {
        return AwsErrorType.PROVISIONED_THROUGHPUT_EXCEEDED.exception("Rate exceeded for stream "
                + stream.ref().name() + " under account " + stream.ref().accountId() + ".");
    }

    private Buckets buckets(StreamView stream, ShardView shard) {
        return buckets.computeIfAbsent(
                new Key(stream.id(), shard.index()),
                key -> new Buckets(
                        WriteBudget.of(WRITE_RECORDS_PER_SECOND, WRITE_BYTES_PER_SECOND),
                        perSecond(READ_CALLS_PER_SECOND),
                        perSecond(READ_BYTES_PER_SECOND)));
    }

    private static Bucket perSecond(long tokens) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(tokens)
                        .refillGreedy(tokens, Duration.ofSeconds(1))
                        .build())
                .build();
    }
}
