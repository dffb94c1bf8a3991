package dev.shardline.kinesis;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** AWS shard ids, {@code shardId-000000000000}, and the index they carry. */
public final class ShardIds {

    private static final Pattern SHARD_ID = Pattern.compile("(?:shardId-)?(\\d{1,20})");

    private ShardIds() {}

    public static String format(int index) {
        return String.format("shardId-%012d", index);
    }

    /** The index in a shard id; AWS also accepts the bare number and a short form such as {@code shardId-1}. */
    public static OptionalInt parse(String shardId) {
        Matcher m = SHARD_ID.matcher(shardId);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        long index = Long.parseLong(
                m.group(1).length() > 18 ? m.group(1).substring(m.group(1).length() - 18) : m.group(1));
        if (m.group(1).replaceFirst("^0+", "").length() > 10 || index > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) index);
    }
}
