package dev.shardline.streams.record;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.streams.StreamsProperties;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamView;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The per-shard limits of a PROVISIONED stream, as AWS enforces them: writes of at most 1 MiB/s and 1,000 records/s,
 * reads of at most 2 MiB/s and 5 GetRecords calls/s. A GetRecords that returned more than its share (up to 10 MiB)
 * puts the shard's read budget in debt, so the following seconds' reads are throttled. Token buckets (Bucket4j) per
 * shard and instance; ON_DEMAND streams are not limited per shard. A record above 1 MiB (once the stream's
 * MaxRecordSizeInKiB is raised) bursts through a shard whose write budget is whole and leaves it in debt, so the shard
 * still averages 1 MiB/s: AWS "can burst up to 10 MiB, while averaging 1 MiB per second".
 */
@Component
class ShardThroughput {

    static final long WRITE_BYTES_PER_SECOND = 1024 * 1024;
    static final long WRITE_RECORDS_PER_SECOND = 1000;
    static final long READ_BYTES_PER_SECOND = 2 * 1024 * 1024;
    static final long READ_CALLS_PER_SECOND = 5;

    private final boolean enforced;
    private final Map<Key, Buckets> buckets = new ConcurrentHashMap<>();

    ShardThroughput(StreamsProperties properties) {
        this.enforced = properties.enforceThroughputLimits();
    }

    private record Key(UUID streamId, int shardIndex) {}

    private record Buckets(Bucket writeRecords, Bucket writeBytes, Bucket readCalls, Bucket readBytes) {}

    /** Takes one record of {@code bytes} from the shard's write budget; false when the shard is over its limit. */
    boolean tryWrite(StreamView stream, ShardView shard, long bytes) {
        if (!limited(stream)) {
            return true;
        }
        Buckets b = buckets(stream, shard);
        if (!b.writeRecords().tryConsume(1)) {
            return false;
        }
        if (bytes > WRITE_BYTES_PER_SECOND && b.writeBytes().getAvailableTokens() >= WRITE_BYTES_PER_SECOND) {
            b.writeBytes().consumeIgnoringRateLimits(bytes);
            return true;
        }
        if (!b.writeBytes().tryConsume(bytes)) {
            b.writeRecords().addTokens(1);
            return false;
        }
        return true;
    }

    /** Admits one GetRecords call, or throws AWS's ProvisionedThroughputExceededException. */
    void admitRead(StreamView stream, ShardView shard) {
        if (!limited(stream)) {
            return;
        }
        Buckets b = buckets(stream, shard);
        if (b.readBytes().getAvailableTokens() <= 0 || !b.readCalls().tryConsume(1)) {
            throw exceeded(stream, shard);
        }
    }

    /** Charges the bytes a GetRecords call returned, going into debt when it returned more than the budget held. */
    void chargeRead(StreamView stream, ShardView shard, long bytes) {
        if (limited(stream) && bytes > 0) {
            buckets(stream, shard).readBytes().consumeIgnoringRateLimits(bytes);
        }
    }

    static AwsException exceeded(StreamView stream, ShardView shard) {
        return AwsErrorType.PROVISIONED_THROUGHPUT_EXCEEDED.exception(
                "Rate exceeded for shard " + shard.shardId() + " in stream "
                        + stream.ref().name() + " under account " + stream.ref().accountId() + ".");
    }

    private boolean limited(StreamView stream) {
        return enforced && stream.mode() == StreamMode.PROVISIONED;
    }

    private Buckets buckets(StreamView stream, ShardView shard) {
        return buckets.computeIfAbsent(
                new Key(stream.id(), shard.index()),
                key -> new Buckets(
                        perSecond(WRITE_RECORDS_PER_SECOND),
                        perSecond(WRITE_BYTES_PER_SECOND),
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
