package dev.shardline.bench;

import java.util.concurrent.atomic.AtomicInteger;

/** Warnings to stderr, capped: a server failing every call must not flood the log (or the CPU). */
final class BenchLog {

    private static final int MAX_WARNINGS = 20;
    private static final AtomicInteger warnings = new AtomicInteger();

    private BenchLog() {}

    static void warnSometimes(String message) {
        int n = warnings.incrementAndGet();
        if (n <= MAX_WARNINGS) {
            System.err.println("WARN [" + Thread.currentThread().getName() + "] " + message);
        } else if (n == MAX_WARNINGS + 1) {
            System.err.println("WARN further warnings suppressed");
        }
    }

    static void info(String message) {
        System.err.println("INFO " + message);
    }
}
