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
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** A freshly created stream that is deleted again on {@link #close()}. */
final class BenchStream implements AutoCloseable {

    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int MAX_LIST_PAGES = 1000;

    private final KinesisClient kinesis;
    private final String name;
    private final List<String> shardIds;

    private BenchStream(KinesisClient kinesis, String name, List<String> shardIds) {
        this.kinesis = kinesis;
        this.name = name;
        this.shardIds = shardIds;
    }

    /** A PROVISIONED stream of {@code shards} shards. */
    static BenchStream create(KinesisClient kinesis, String label, String purpose, int shards) {
        String name = uniqueName(label, purpose);
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        return awaitCreated(kinesis, name);
    }

    /** An ON_DEMAND stream: the server picks the initial shard count and reshards it by itself. */
    static BenchStream createOnDemand(KinesisClient kinesis, String label, String purpose) {
        String name = uniqueName(label, purpose);
        kinesis.createStream(b -> b.streamName(name).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
        return awaitCreated(kinesis, name);
    }

    private static BenchStream awaitCreated(KinesisClient kinesis, String name) {
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
        return listShards(kinesis, name).stream().map(Shard::shardId).toList();
    }

    /** Every shard ListShards reports, open and closed, following its pages. */
    static List<Shard> listShards(KinesisClient kinesis, String name) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(b -> b.streamName(name));
        shards.addAll(page.shards());
        // Bounded: a server that kept answering with a next token would otherwise keep this loop going forever.
        for (int pages = 1; page.nextToken() != null && pages < MAX_LIST_PAGES; pages++) {
            String token = page.nextToken();
            // The API rejects StreamName together with NextToken.
            page = kinesis.listShards(b -> b.nextToken(token));
            shards.addAll(page.shards());
        }
        return List.copyOf(shards);
    }

    private static void deleteQuietly(KinesisClient kinesis, String name) {
        try {
            kinesis.deleteStream(b -> b.streamName(name));
        } catch (SdkException e) {
            System.err.println("WARN could not delete stream " + name + ": " + e.getMessage());
        }
    }
}
