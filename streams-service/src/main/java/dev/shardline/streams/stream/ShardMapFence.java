package dev.shardline.streams.stream;

import java.util.UUID;
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

    // Striped by the name callers use: a put finds its lock without reading the stream first, and a name that names no
    // stream costs no lock of its own. Fair, so a waiting switch-over is not starved by a steady stream of puts.
    private static final int STRIPES = 256;

    private final ReadWriteLock[] locks = new ReadWriteLock[STRIPES];
    private final StreamDirectory directory;

    ShardMapFence(StreamDirectory directory) {
        this.directory = directory;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantReadWriteLock(true);
        }
    }

    /** Runs a put against the stream's current shard map; ResourceNotFoundException unless it takes data. */
    public <T> T write(StreamRef ref, Function<StreamView, T> put) {
        ReadWriteLock lock = lock(ref);
        lock.readLock().lock();
        try {
            // Looked up under the lock, once: a switch-over that just finished has evicted the old map.
            return put.apply(directory.readyForData(ref));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Commits a new shard map while no put is in flight, and makes this instance route by it from then on. */
    void switchOver(StreamRef ref, UUID streamId, Runnable commit) {
        ReadWriteLock lock = lock(ref);
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

    private ReadWriteLock lock(StreamRef ref) {
        return locks[Math.floorMod(ref.hashCode(), STRIPES)];
    }
}
