package dev.shardline.kinesis;

import java.util.OptionalInt;

/** AWS shard ids, {@code shardId-000000000000}, and the index they carry. */
public final class ShardIds {

    private ShardIds() {}

    public static String format(int index) {
        return String.format("shardId-%012d", index);
    }

    /**
     * The index a shard id names, read as AWS reads it: the part after the first {@code -} (the whole id if there is
     * none), which must be a number up to 2147483647. So {@code shardId-000000000005}, {@code shardId-5},
     * {@code shard-5} and {@code 5} all name shard 5; {@code ABKLFD8} and {@code 2147483648} name none.
     */
    public static OptionalInt parse(String shardId) {
        String[] parts = shardId.split("-", -1);
        String number = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : shardId;
        if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        String digits = number.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(digits));
    }
}
