package dev.shardline.kinesis;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A Kinesis sequence number in AWS's layout. In hex: {@code 2}, {@code 0}, 8 digits of the shard's creation time
 * (epoch seconds), the last hex digit of the shard index, 16 digits of the per-shard counter (here the Kafka offset),
 * {@code 000}, 8 digits of the record's arrival time (epoch seconds), 8 digits of the shard index, {@code 2}: 47 hex
 * digits, a 56-digit decimal. It increases with the offset within a shard and decodes back to shard and offset.
 */
public record SequenceNumber(long shardCreationSeconds, int shardIndex, long offset, long arrivalSeconds) {

    private static final int HEX_DIGITS = 47;

    public SequenceNumber {
        if (offset < 0 || shardIndex < 0) {
            throw new IllegalArgumentException("offset and shard index must not be negative");
        }
    }

    public BigInteger toBigInteger() {
        String hex = "20"
                + hex(shardCreationSeconds, 8)
                + Integer.toHexString(shardIndex & 0xF)
                + hex(offset, 16)
                + "000"
                + hex(arrivalSeconds, 8)
                + hex(shardIndex, 8)
                + "2";
        return new BigInteger(hex, 16);
    }

    @Override
    public String toString() {
        return toBigInteger().toString();
    }

    /** Decodes a decimal sequence number; empty when it is not one that Shardline issued. */
    public static Optional<SequenceNumber> parse(String decimal) {
        if (decimal == null
                || decimal.isEmpty()
                || decimal.length() > 60
                || !decimal.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        String hex = new BigInteger(decimal).toString(16);
        if (hex.length() != HEX_DIGITS || !hex.startsWith("20") || !hex.endsWith("2")) {
            return Optional.empty();
        }
        long creation = Long.parseLong(hex.substring(2, 10), 16);
        int lowDigit = Character.digit(hex.charAt(10), 16);
        long offset = Long.parseUnsignedLong(hex.substring(11, 27), 16);
        if (!hex.startsWith("000", 27) || offset < 0) {
            return Optional.empty();
        }
        long arrival = Long.parseLong(hex.substring(30, 38), 16);
        long shardIndex = Long.parseLong(hex.substring(38, 46), 16);
        if (shardIndex > Integer.MAX_VALUE || (shardIndex & 0xF) != lowDigit) {
            return Optional.empty();
        }
        return Optional.of(new SequenceNumber(creation, (int) shardIndex, offset, arrival));
    }

    private static String hex(long value, int digits) {
        String hex = Long.toHexString(value);
        if (hex.length() > digits) {
            throw new IllegalArgumentException(value + " does not fit in " + digits + " hex digits");
        }
        return "0".repeat(digits - hex.length()) + hex;
    }
}
