package dev.shardline.streams.stream;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Keeps writes and a shard-map switch-over apart within this instance. A put holds the stream's read side from routing
 * until its records are acknowledged; the switch-over holds the write side while it commits the new map and evicts the
 * cached one. So no record routed by the old map lands after the switch, and a partition key's records never reach a
 * child shard before its last record in the parent is in place: readers that finish parents first keep per-key order.
 */
@org.springframework.stereotype.Component
public class ShardMapFence {

    private final Map<UUID, ReadWriteLock> locks = new ConcurrentHashMap<>();
    private final StreamDirectory directory;

    ShardMapFence(StreamDirectory directory) {
        this.directory = directory;
    }

    /** The stream as puts see it now; ResourceNotFoundException unless it takes data. */
    public StreamView current(StreamRef ref) {
        return directory.readyForData(ref);
    }

    /** Runs a put against the stream's current shard map; ResourceNotFoundException unless it takes data. */
    public <T> T write(StreamRef ref, Function<StreamView, T> put) {
        ReadWriteLock lock = lock(directory.readyForData(ref).id());
        lock.readLock().lock();
        try {
            // Looked up again under the lock: a switch-over that just finished has evicted the old map.
            return put.apply(directory.readyForData(ref));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Commits a new shard map while no put is in flight, and makes this instance route by it from then on. */
    void switchOver(UUID streamId, Runnable commit) {
        ReadWriteLock lock = lock(streamId);
        lock.writeLock().lock();
        try {
            commit.run();
            directory.evict(streamId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops this instance's cached shard map after a change that needs no fencing. */
    void refresh(UUID streamId) {
        directory.evict(streamId);
    }

    private ReadWriteLock lock(UUID streamId) {
        // Fair, so a waiting switch-over is not starved by a steady stream of puts.
        return locks.computeIfAbsent(streamId, id -> new ReentrantReadWriteLock(true));
    }
}
