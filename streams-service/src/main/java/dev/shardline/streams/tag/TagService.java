package dev.shardline.streams.tag;

import dev.shardline.streams.stream.StreamErrors;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamView;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tags of streams: add, remove, replace and list them, and create a stream with its first tags. */
@Service
public class TagService {

    private static final Logger log = LoggerFactory.getLogger(TagService.class);

    private final StreamService streams;
    private final StreamTagsRepository tagSets;

    TagService(StreamService streams, StreamTagsRepository tagSets) {
        this.streams = streams;
        this.tagSets = tagSets;
    }

    /** Creates a stream and tags it in one transaction: with invalid tags, no stream is created. */
    @Transactional
    public StreamView createTagged(StreamRef ref, int shardCount, StreamMode mode, Map<String, String> tags) {
        Map<String, String> initial = normalized(tags);
        StreamTags.checkAdd(ref, initial, Set.of());
        StreamView stream = streams.create(ref, shardCount, mode);
        if (!initial.isEmpty()) {
            StreamTags tagSet = new StreamTags(stream.id());
            tagSet.add(ref, initial);
            tagSets.save(tagSet);
        }
        return stream;
    }

    @Transactional
    public void add(StreamRef ref, Map<String, String> tags) {
        lockedTagSet(ref).add(ref, normalized(tags));
        log.debug("Stream {} tagged with {}", ref.name(), tags.keySet());
    }

    @Transactional
    public void remove(StreamRef ref, Collection<String> keys) {
        UUID id = streams.describe(ref).id();
        tagSets.lock(id).ifPresentOrElse(tagSet -> tagSet.remove(ref, keys), () -> TagRules.checkRemove(ref, keys));
        log.debug("Tags {} removed from stream {}", keys, ref.name());
    }

    /** Makes {@code tags} the stream's only tags; returns them. */
    @Transactional
    public SortedMap<String, String> replace(StreamRef ref, Map<String, String> tags) {
        StreamTags tagSet = lockedTagSet(ref);
        tagSet.replace(ref, normalized(tags));
        return tagSet.sorted();
    }

    /** All of the stream's tags, in key order. */
    @Transactional(readOnly = true)
    public SortedMap<String, String> tags(StreamRef ref) {
        UUID id = streams.describe(ref).id();
        return tagSets.findById(id).map(StreamTags::sorted).orElseGet(TreeMap::new);
    }

    /** Up to {@code limit} tags in key order, after {@code exclusiveStartKey} when it is given. */
    @Transactional(readOnly = true)
    public TagPage page(StreamRef ref, String exclusiveStartKey, int limit) {
        NavigableMap<String, String> all = new TreeMap<>(tags(ref));
        NavigableMap<String, String> after = exclusiveStartKey == null ? all : all.tailMap(exclusiveStartKey, false);
        SortedMap<String, String> page = new TreeMap<>();
        after.entrySet().stream().limit(limit).forEach(e -> page.put(e.getKey(), e.getValue()));
        return new TagPage(page, after.size() > limit);
    }

    private StreamTags lockedTagSet(StreamRef ref) {
        UUID id = streams.describe(ref).id();
        try {
            tagSets.createIfAbsent(id);
        } catch (DataIntegrityViolationException deletedMeanwhile) {
            throw StreamErrors.notFound(ref);
        }
        return tagSets.lock(id).orElseThrow();
    }

    /** A tag's value is optional on the wire; a missing one is the empty string, as AWS lists it. */
    private static Map<String, String> normalized(Map<String, String> tags) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((key, value) -> copy.put(key, value == null ? "" : value));
        }
        return copy;
    }

    public record TagPage(SortedMap<String, String> tags, boolean hasMore) {}
}
