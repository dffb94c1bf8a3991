package dev.shardline.streams.web;

import dev.shardline.platform.error.Validation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * AWS's member constraints for tags, reported as AWS reports constraints on map keys and list members: "Value
 * '{k=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [...]". On the AWS wire the model
 * checks them before an action runs; {@link #tags} serves the REST API, and {@link #noNullKeys} what the model lets
 * through.
 */
public final class TagConstraints {

    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    /** Entries one request may carry (a TagMap); a stream itself may have at most 50 tags. */
    public static final int MAX_TAGS_PER_REQUEST = 200;

    private TagConstraints() {}

    /** A TagMap member: {@code minEntries} to 200 entries, keys of 1..128 and values of 0..256 characters. */
    public static void tags(Validation v, String member, Map<String, String> tags, int minEntries) {
        if (tags == null) {
            return;
        }
        if (tags.size() < minEntries) {
            v.fail(member, tags, "Member must have length greater than or equal to " + minEntries);
        } else if (tags.size() > MAX_TAGS_PER_REQUEST) {
            v.fail(member, tags, "Member must have length less than or equal to " + MAX_TAGS_PER_REQUEST);
        }
        List<String> keyRules = lengthRules(tags.keySet(), 1, MAX_KEY_LENGTH);
        if (!keyRules.isEmpty()) {
            v.fail(member, tags, "Map keys must satisfy constraint: " + keyRules);
        }
        List<String> valueRules = lengthRules(tags.values(), 0, MAX_VALUE_LENGTH);
        if (!valueRules.isEmpty()) {
            v.fail(member, tags, "Map value must satisfy constraint: " + valueRules);
        }
    }

    /**
     * A TagKeyList member's null keys, which the AWS model lets through (it checks the keys that are there); its other
     * constraints, 1 to 50 keys of 1..128 characters, are the model's.
     */
    public static void noNullKeys(String member, List<String> keys) {
        if (keys.contains(null)) {
            Validation.of()
                    .fail(member, keys, "Member must satisfy constraint: [Member must not be null]")
                    .throwIfInvalid();
        }
    }

    private static List<String> lengthRules(Collection<String> values, int min, int max) {
        List<String> rules = new ArrayList<>();
        if (values.stream().anyMatch(s -> s != null && s.codePointCount(0, s.length()) > max)) {
            rules.add("Member must have length less than or equal to " + max);
        }
        if (values.stream().anyMatch(s -> s != null && s.codePointCount(0, s.length()) < min)) {
            rules.add("Member must have length greater than or equal to " + min);
        }
        return rules;
    }
}
