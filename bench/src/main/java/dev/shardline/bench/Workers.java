package dev.shardline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** One thread per task; waiting is always bounded so a stuck worker cannot keep the run alive. */
final class Workers<T> implements AutoCloseable {

    /**
     * Added to a phase's own deadline when waiting for its threads: a worker past its deadline may still be inside one
     * SDK call, which the client's apiCallTimeout (120 s) bounds.
     */
    static final Duration IN_FLIGHT_CALL_SLACK = Duration.ofSeconds(150);

    private final String name;
    private final ExecutorService pool;
    private final List<Future<T>> futures = new ArrayList<>();

    private Workers(String name, ExecutorService pool) {
        this.name = name;
        this.pool = pool;
    }

    static <T> Workers<T> start(String name, List<? extends Callable<T>> tasks) {
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.getAndIncrement());
            // Daemon threads: the watchdog's exit must not wait for them.
            thread.setDaemon(true);
            return thread;
        });
        Workers<T> workers = new Workers<>(name, pool);
        tasks.forEach(task -> workers.futures.add(pool.submit(task)));
        return workers;
    }

    List<T> await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<T> results = new ArrayList<>(futures.size());
        for (Future<T> future : futures) {
            try {
                results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throw new IllegalStateException(name + " workers did not finish within " + timeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException(name + " worker failed: " + e.getCause(), e.getCause());
            }
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
