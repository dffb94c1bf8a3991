package dev.shardline.kinesis;

import dev.shardline.platform.error.Validation;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A shard's id, {@code shardId-000000000000}, and the index it carries. A ShardId member of a request ({@code shardId},
 * {@code shardToSplit}, {@code exclusiveStartShardId}, ...) is 1 to 128 characters of {@code [a-zA-Z0-9_.-]}: that rule
 * lives here, once, with AWS's ValidationException wording.
 */
public record ShardId(int index) {

    /** AWS's pattern for a ShardId member, as its validation messages quote it. */
    public static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9_.-]+");

    public static final int MAX_LENGTH = 128;

    public ShardId {
        if (index < 0) {
            throw new IllegalArgumentException("A shard index is not negative: " + index);
        }
    }

    /** Adds AWS's constraints on a ShardId member to {@code v}; a null value is left to the caller (often optional). */
    public static Validation check(Validation v, String member, String value) {
        return v.length(member, value, 1, MAX_LENGTH).pattern(member, value, PATTERN);
    }

    /** As {@link #check}, for a member that is required. */
    public static Validation checkRequired(Validation v, String member, String value) {
        if (v.required(member, value)) {
            check(v, member, value);
        }
        return v;
    }

    /** The shard a valid member names; empty when it names no shard index (AWS then answers that it is not found). */
    public static Optional<ShardId> parse(String value) {
        return ShardIds.parse(value).stream().mapToObj(ShardId::new).findFirst();
    }

    @Override
    public String toString() {
        return ShardIds.format(index);
    }
}
