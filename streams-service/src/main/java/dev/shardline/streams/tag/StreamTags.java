package dev.shardline.streams.tag;

import dev.shardline.streams.stream.StreamRef;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** The tags of one stream: the aggregate that keeps them within AWS's rules and its limit of 50. */
@Entity
@Table(schema = "streams", name = "stream_tag_set")
class StreamTags {

    static final int MAX_TAGS = 50;

    @Id
    @Column(name = "stream_id")
    private UUID streamId;

    @ElementCollection
    @CollectionTable(schema = "streams", name = "stream_tag", joinColumns = @JoinColumn(name = "stream_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value", nullable = false)
    private Map<String, String> tags = new HashMap<>();

    protected StreamTags() {}

    StreamTags(UUID streamId) {
        this.streamId = streamId;
    }

    /** Adds tags and overwrites those with the same keys; refuses a change that would exceed the limit. */
    void add(StreamRef stream, Map<String, String> added) {
        checkAdd(stream, added, tags.keySet());
        tags.putAll(added);
    }

    /** Removes the tags with these keys; keys the stream does not have are ignored, as in AWS. */
    void remove(StreamRef stream, Collection<String> keys) {
        TagRules.checkRemove(stream, keys);
        keys.forEach(tags::remove);
    }

    /** Makes these the stream's only tags. */
    void replace(StreamRef stream, Map<String, String> replacement) {
        checkAdd(stream, replacement, Set.of());
        tags.keySet().retainAll(replacement.keySet());
        tags.putAll(replacement);
    }

    SortedMap<String, String> sorted() {
        return new TreeMap<>(tags);
    }

    /** The checks of {@link #add} against a stream that has the tags {@code existing}. */
    static void checkAdd(StreamRef stream, Map<String, String> added, Set<String> existing) {
        TagRules.checkAdd(stream, added);
        Set<String> keys = new HashSet<>(existing);
        keys.addAll(added.keySet());
        if (keys.size() > MAX_TAGS) {
            throw TagRules.tooMany(stream, MAX_TAGS);
        }
    }
}
