package dev.shardline.streams.tag;

import dev.shardline.platform.tag.TagLimit;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tags of one resource: the aggregate that keeps them within AWS's rules and its limit of 50. Each kind of resource
 * keeps its tag sets in its own tables, so its subclass maps {@link #tags()}.
 */
abstract class TagSet {

    static final TagLimit LIMIT = TagLimit.AWS_DEFAULT;

    /** The live, mapped tags of the resource. */
    protected abstract Map<String, String> tags();

    /** Adds tags and overwrites those with the same keys; refuses a change that would exceed the limit. */
    void add(TaggedResource resource, Map<String, String> added) {
        checkAdd(resource, added, tags().keySet());
        tags().putAll(added);
    }

    /** Removes the tags with these keys; keys the resource does not have are ignored, as in AWS. */
    void remove(TaggedResource resource, Collection<String> keys) {
        TagRules.checkRemove(resource, keys);
        keys.forEach(tags()::remove);
    }

    /** Makes these the resource's only tags. */
    void replace(TaggedResource resource, Map<String, String> replacement) {
        checkAdd(resource, replacement, Set.of());
        tags().keySet().retainAll(replacement.keySet());
        tags().putAll(replacement);
    }

    SortedMap<String, String> sorted() {
        return new TreeMap<>(tags());
    }

    /** The checks of {@link #add} against a resource that has the tags {@code existing}. */
    static void checkAdd(TaggedResource resource, Map<String, String> added, Set<String> existing) {
        TagRules.checkAdd(resource, added);
        LIMIT.check(existing, added, () -> TagRules.tooMany(resource, LIMIT.max()));
    }
}
