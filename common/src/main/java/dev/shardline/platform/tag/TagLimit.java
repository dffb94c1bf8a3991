package dev.shardline.platform.tag;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * AWS's limit of tags per resource (50 for streams, consumers and delivery streams): adding tags that overwrite
 * existing keys counts each key once. The caller holds the resource's lock, so concurrent adds cannot pass it together.
 */
public record TagLimit(int max) {

    public static final TagLimit AWS_DEFAULT = new TagLimit(50);

    /** Throws what {@code refusal} makes when the resource, which has {@code existing}, would have too many tags. */
    public void check(Set<String> existing, Map<String, String> added, Supplier<? extends RuntimeException> refusal) {
        Set<String> keys = new HashSet<>(existing);
        keys.addAll(added.keySet());
        if (keys.size() > max) {
            throw refusal.get();
        }
    }
}
