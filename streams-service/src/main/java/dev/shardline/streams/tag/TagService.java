package dev.shardline.streams.tag;

import dev.shardline.platform.tag.TagPage;
import dev.shardline.streams.stream.StreamMode;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamView;
import dev.shardline.streams.stream.TaggedStreamCreation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tags of streams and consumers: add, remove, replace and list them, and create a stream with its first tags.
 */
@Service
public class TagService implements TaggedStreamCreation {

    private static final Logger log = LoggerFactory.getLogger(TagService.class);

    private final TaggedResources resources;
    private final StreamService streams;
    private final StreamTagsRepository streamTags;
    private final ConsumerTagsRepository consumerTags;

    TagService(
            TaggedResources resources,
            StreamService streams,
            StreamTagsRepository streamTags,
            ConsumerTagsRepository consumerTags) {
        this.resources = resources;
        this.streams = streams;
        this.streamTags = streamTags;
        this.consumerTags = consumerTags;
    }

    /** Creates a stream and tags it in one transaction: with invalid tags, no stream is created. */
    @Override
    @Transactional
    public StreamView createTagged(StreamRef ref, int shardCount, StreamMode mode, Map<String, String> tags) {
        TaggedResource resource = TaggedResource.stream(ref);
        Map<String, String> initial = normalized(tags);
        TagSet.checkAdd(resource, initial, Set.of());
        StreamView stream = streams.create(ref, shardCount, mode);
        if (!initial.isEmpty()) {
            StreamTags tagSet = new StreamTags(stream.id());
            tagSet.add(resource, initial);
            streamTags.save(tagSet);
        }
        return stream;
    }

    @Transactional
    public void add(TaggedResource resource, Map<String, String> tags) {
        lockedTagSet(resource).add(resource, normalized(tags));
        log.debug("Tagged {} with {}", resource.described(), tags.keySet());
    }

    @Transactional
    public void remove(TaggedResource resource, Collection<String> keys) {
        UUID id = resources.id(resource);
        tagSets(resource)
                .lock(id)
                .ifPresentOrElse(tagSet -> tagSet.remove(resource, keys), () -> TagRules.checkRemove(resource, keys));
        log.debug("Tags {} removed from {}", keys, resource.described());
    }

    /** Makes {@code tags} the resource's only tags; returns them. */
    @Transactional
    public SortedMap<String, String> replace(TaggedResource resource, Map<String, String> tags) {
        TagSet tagSet = lockedTagSet(resource);
        tagSet.replace(resource, normalized(tags));
        return tagSet.sorted();
    }

    /** All of the resource's tags, in key order. */
    @Transactional(readOnly = true)
    public SortedMap<String, String> tags(TaggedResource resource) {
        UUID id = resources.id(resource);
        return tagSets(resource).tagsOf(id).map(TagSet::sorted).orElseGet(TreeMap::new);
    }

    /** Up to {@code limit} tags in key order, after {@code exclusiveStartKey} when it is given. */
    @Transactional(readOnly = true)
    public TagPage page(TaggedResource resource, String exclusiveStartKey, int limit) {
        return TagPage.of(tags(resource), exclusiveStartKey, limit);
    }

    /** The resource's tag set, created if need be and locked, so that the limit of 50 holds under concurrency. */
    private TagSet lockedTagSet(TaggedResource resource) {
        UUID id = resources.id(resource);
        TagSetRepository<? extends TagSet> tagSets = tagSets(resource);
        try {
            tagSets.createIfAbsent(id);
        } catch (DataIntegrityViolationException deletedMeanwhile) {
            throw resource.notFound();
        }
        return tagSets.lock(id).orElseThrow();
    }

    private TagSetRepository<? extends TagSet> tagSets(TaggedResource resource) {
        return resource instanceof TaggedResource.StreamResource ? streamTags : consumerTags;
    }

    /** A tag's value is optional on the wire; a missing one is the empty string, as AWS lists it. */
    private static Map<String, String> normalized(Map<String, String> tags) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((key, value) -> copy.put(key, value == null ? "" : value));
        }
        return copy;
    }
}
