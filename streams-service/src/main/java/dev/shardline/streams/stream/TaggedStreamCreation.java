package dev.shardline.streams.stream;

import java.util.Map;

/**
 * CreateStream with tags: the stream and its first tags in one transaction. The tag feature provides it, since tags
 * know streams and not the reverse.
 */
public interface TaggedStreamCreation {

    StreamView createTagged(StreamRef ref, int shardCount, StreamMode mode, Map<String, String> tags);
}
