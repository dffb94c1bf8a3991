package dev.shardline.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of the 128-bit hash key space that a shard owns. */
public record HashKeyRange(BigInteger start, BigInteger end) {

    public static final BigInteger MAX_HASH_KEY = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    public HashKeyRange {
        if (start.signum() < 0 || end.compareTo(MAX_HASH_KEY) > 0 || start.compareTo(end) > 0) {
            throw new IllegalArgumentException("Invalid hash key range [" + start + ", " + end + "]");
        }
    }

    /** The whole key space divided into {@code count} ranges as AWS divides it when a stream is created. */
    public static List<HashKeyRange> divide(int count) {
        BigInteger step = BigInteger.TWO.pow(128).divide(BigInteger.valueOf(count));
        List<HashKeyRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger start = step.multiply(BigInteger.valueOf(i));
            BigInteger end = i == count - 1 ? MAX_HASH_KEY : start.add(step).subtract(BigInteger.ONE);
            ranges.add(new HashKeyRange(start, end));
        }
        return ranges;
    }

    /** The hash key of a partition key: its MD5 digest read as an unsigned 128-bit integer. */
    public static BigInteger hashOf(String partitionKey) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return new BigInteger(1, md5.digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JVM", e);
        }
    }

    public boolean contains(BigInteger hashKey) {
        return start.compareTo(hashKey) <= 0 && end.compareTo(hashKey) >= 0;
    }

    /** Whether this range ends right where {@code next} starts, so the two can merge into one contiguous range. */
    public boolean precedes(HashKeyRange next) {
        return end.add(BigInteger.ONE).equals(next.start);
    }

    /** The contiguous union of two adjacent ranges, in either order. */
    public HashKeyRange union(HashKeyRange other) {
        if (precedes(other)) {
            return new HashKeyRange(start, other.end);
        }
        if (other.precedes(this)) {
            return new HashKeyRange(other.start, end);
        }
        throw new IllegalArgumentException(this + " and " + other + " are not adjacent");
    }

    /** The two halves of a split at {@code newStartingHashKey}, which must lie after this range's start. */
    public HashKeyRange[] splitAt(BigInteger newStartingHashKey) {
        if (newStartingHashKey.compareTo(start) <= 0 || newStartingHashKey.compareTo(end) > 0) {
            throw new IllegalArgumentException(newStartingHashKey + " is not inside " + this + " after its start");
        }
        return new HashKeyRange[] {
            new HashKeyRange(start, newStartingHashKey.subtract(BigInteger.ONE)),
            new HashKeyRange(newStartingHashKey, end)
        };
    }
}
