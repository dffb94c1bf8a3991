package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** A freshly created stream that is deleted again on {@link #close()}. */
final class BenchStream implements AutoCloseable {

    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final KinesisClient kinesis;
    private final String name;
    private final List<String> shardIds;

    private BenchStream(KinesisClient kinesis, String name, List<String> shardIds) {
        this.kinesis = kinesis;
        this.name = name;
        this.shardIds = shardIds;
    }

    static BenchStream create(KinesisClient kinesis, String label, String purpose, int shards) {
        String name = uniqueName(label, purpose);
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        try {
            awaitActive(kinesis, name);
            return new BenchStream(kinesis, name, listShardIds(kinesis, name));
        } catch (RuntimeException e) {
            deleteQuietly(kinesis, name);
            throw e;
        }
    }

    String name() {
        return name;
    }

    List<String> shardIds() {
        return shardIds;
    }

    @Override
    public void close() {
        deleteQuietly(kinesis, name);
    }

    private static String uniqueName(String label, String purpose) {
        // Unique per run so a previous, aborted run's leftovers (or its data) can never be read back.
        String safeLabel = label.replaceAll("[^a-zA-Z0-9_.-]", "_");
        String suffix = Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        String name = "bench-" + safeLabel + "-" + purpose + "-" + suffix;
        return name.length() <= 128 ? name : name.substring(name.length() - 128);
    }

    private static void awaitActive(KinesisClient kinesis, String name) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        StreamStatus status = null;
        while (System.nanoTime() < deadline) {
            try {
                status = kinesis.describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary()
                        .streamStatus();
                if (status == StreamStatus.ACTIVE) {
                    return;
                }
            } catch (ResourceNotFoundException e) {
                // Stream creation may not be visible to reads yet; keep polling until the deadline.
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
        throw new IllegalStateException("stream " + name + " not ACTIVE after "
                + TimeUnit.NANOSECONDS.toSeconds(ACTIVE_TIMEOUT.toNanos()) + " s (last status " + status + ")");
    }

    private static List<String> listShardIds(KinesisClient kinesis, String name) {
        List<String> ids = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(b -> b.streamName(name));
        page.shards().stream().map(Shard::shardId).forEach(ids::add);
        while (page.nextToken() != null) {
            String token = page.nextToken();
            // The API rejects StreamName together with NextToken.
            page = kinesis.listShards(b -> b.nextToken(token));
            page.shards().stream().map(Shard::shardId).forEach(ids::add);
        }
        return List.copyOf(ids);
    }

    private static void deleteQuietly(KinesisClient kinesis, String name) {
        try {
            kinesis.deleteStream(b -> b.streamName(name));
        } catch (SdkException e) {
            System.err.println("WARN could not delete stream " + name + ": " + e.getMessage());
        }
    }
}
