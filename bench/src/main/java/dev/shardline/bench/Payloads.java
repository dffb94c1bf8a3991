package dev.shardline.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Record bodies: random bytes behind a small header, so every record read back can be matched to the exact
 * write that produced it (lost and duplicated records are found by identity, not just by counting).
 */
final class Payloads {

    static final int RECORD_BYTES = 1024;
    static final long NOT_OURS = -1;

    private static final int PUT_MAGIC = 0x53484c50; // "SHLP"
    private static final int LATENCY_MAGIC = 0x53484c4c; // "SHLL"

    private Payloads() {}

    /** A throughput record: magic, producer index, record index within that producer, random filler. */
    static byte[] throughputRecord(int producer, int index) {
        byte[] data = randomBytes();
        ByteBuffer.wrap(data).putInt(PUT_MAGIC).putInt(producer).putInt(index);
        return data;
    }

    /** Returns {@code producer << 32 | index} of a throughput record, or {@link #NOT_OURS}. */
    static long throughputKey(ByteBuffer data) {
        if (data.remaining() < 12 || data.getInt(data.position()) != PUT_MAGIC) {
            return NOT_OURS;
        }
        int producer = data.getInt(data.position() + 4);
        int index = data.getInt(data.position() + 8);
        return ((long) producer << 32) | (index & 0xffffffffL);
    }

    /** A latency record: magic, record index, System.nanoTime() at send, random filler. */
    static byte[] latencyRecord(int index, long sentNanos) {
        byte[] data = randomBytes();
        ByteBuffer.wrap(data).putInt(LATENCY_MAGIC).putInt(index).putLong(sentNanos);
        return data;
    }

    static boolean isLatencyRecord(ByteBuffer data) {
        return data.remaining() >= 16 && data.getInt(data.position()) == LATENCY_MAGIC;
    }

    static int latencyIndex(ByteBuffer data) {
        return data.getInt(data.position() + 4);
    }

    static long latencySentNanos(ByteBuffer data) {
        return data.getLong(data.position() + 8);
    }

    /** Random, so a server or transport that compresses gains nothing it would not gain on real traffic. */
    private static byte[] randomBytes() {
        byte[] data = new byte[RECORD_BYTES];
        ThreadLocalRandom.current().nextBytes(data);
        return data;
    }

    static String randomPartitionKey() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }
}
