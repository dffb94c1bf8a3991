package dev.shardline.kinesis;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Kinesis sequence number in AWS's layout. In hex: {@code 2}, {@code 0}, 8 digits of the shard's creation time
 * (epoch seconds), the last hex digit of the shard index, 16 digits of the per-shard counter (here the Kafka offset),
 * {@code 000}, 8 digits of the record's arrival time (epoch seconds), 8 digits of the shard index, {@code 2}: 47 hex
 * digits, a 56-digit decimal. It increases with the offset within a shard and decodes back to shard and offset.
 *
 * <p>{@link #parse} reads the numbers Shardline issues; {@link #decode} reads any number as AWS does, for the checks AWS
 * makes on a number it did not necessarily issue.
 */
public record SequenceNumber(long shardCreationSeconds, int shardIndex, long offset, long arrivalSeconds) {

    private static final int HEX_DIGITS = 47;

    /** Below this a number is in AWS's oldest layout (version 0), read as if this were added to it. */
    private static final BigInteger VERSION_0_BASE = BigInteger.ONE.shiftLeft(124);

    private static final BigInteger VERSION_0_END = BigInteger.ONE.shiftLeft(129);

    /** AWS refuses a shard creation time from here on (in the year 2477) as invalid. */
    private static final long MAX_CREATION_SECONDS = 16_025_175_000L;

    /**
     * A sequence number as AWS reads it, whoever issued it: the version of its layout, the shard index it encodes, the
     * shard's creation and, where the layout holds one, the record's time.
     */
    public record Decoded(int version, long shardIndex, long shardCreationSeconds, OptionalLong recordSeconds) {

        /** The shard id it encodes, named as AWS names it, also an index no shard has: {@code shardId--02147483648}. */
        public String shardId() {
            return shardIndex < 0
                    ? String.format("shardId--%011d", -shardIndex)
                    : String.format("shardId-%012d", shardIndex);
        }

        /** Whether the record's time in it lies after {@code now}. */
        public boolean isAfter(Instant now) {
            return recordSeconds.isPresent() && recordSeconds.getAsLong() * 1000 > now.toEpochMilli();
        }
    }

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

    /**
     * Decodes a decimal sequence number as AWS does (kinesalite's suite recorded its rules): version 2, the layout
     * above and Shardline's; version 1, an older one of the same length ending in {@code 1}; version 0, a number
     * below 2^129. Empty for what AWS refuses as invalid: another version or leading digit, a counter of 8 or more in
     * its first hex digit, a shard creation time too far ahead. The shard index of version 2 is signed, as AWS reads it.
     */
    public static Optional<Decoded> decode(String decimal) {
        if (decimal == null || decimal.isEmpty() || !decimal.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(decimal);
        if (value.compareTo(VERSION_0_BASE) < 0) {
            value = value.add(VERSION_0_BASE);
        }
        String hex = value.toString(16);
        if (value.compareTo(VERSION_0_END) < 0) {
            long creation = Long.parseLong(hex.substring(1, 10), 16);
            return creation >= MAX_CREATION_SECONDS
                    ? Optional.empty()
                    : Optional.of(
                            new Decoded(0, Long.parseLong(hex.substring(28, 32), 16), creation, OptionalLong.empty()));
        }
        if (hex.length() != HEX_DIGITS || hex.charAt(0) != '2') {
            return Optional.empty();
        }
        long creation = Long.parseLong(hex.substring(1, 10), 16);
        return switch (hex.charAt(HEX_DIGITS - 1)) {
            case '2' ->
                Character.digit(hex.charAt(11), 16) > 7 || creation >= MAX_CREATION_SECONDS
                        ? Optional.empty()
                        : Optional.of(new Decoded(
                                2,
                                (int) Long.parseLong(hex.substring(38, 46), 16),
                                creation,
                                OptionalLong.of(Long.parseLong(hex.substring(29, 38), 16))));
            case '1' ->
                Optional.of(new Decoded(
                        1,
                        Long.parseLong(hex.substring(38, 46), 16),
                        creation,
                        OptionalLong.of(Long.parseLong(hex.substring(13, 22), 16))));
            default -> Optional.empty();
        };
    }

    private static String hex(long value, int digits) {
        String hex = Long.toHexString(value);
        if (hex.length() > digits) {
            throw new IllegalArgumentException(value + " does not fit in " + digits + " hex digits");
        }
        return "0".repeat(digits - hex.length()) + hex;
    }
}
