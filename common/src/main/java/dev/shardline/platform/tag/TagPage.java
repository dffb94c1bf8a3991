package dev.shardline.platform.tag;

import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A page of a resource's tags in key order, as every AWS ListTags* action pages them: the tags after
 * {@code exclusiveStartKey} (a key the resource need not have), at most {@code limit}, and whether more follow.
 */
public record TagPage(SortedMap<String, String> tags, boolean hasMore) {

    public static TagPage of(Map<String, String> tags, String exclusiveStartKey, int limit) {
        NavigableMap<String, String> all = new TreeMap<>(tags);
        NavigableMap<String, String> after = exclusiveStartKey == null ? all : all.tailMap(exclusiveStartKey, false);
        SortedMap<String, String> page = new TreeMap<>();
        after.entrySet().stream().limit(limit).forEach(e -> page.put(e.getKey(), e.getValue()));
        return new TagPage(page, after.size() > limit);
    }
}
