package dev.shardline.streams.tag.web;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Request and response shapes of the Kinesis tagging and resource-policy actions, with AWS's member names. */
final class TagShapes {

    private TagShapes() {}

    record Tag(String key, String value) {}

    record AddTagsToStreamRequest(String streamName, String streamARN, Map<String, String> tags) {}

    record RemoveTagsFromStreamRequest(String streamName, String streamARN, List<String> tagKeys) {}

    record ListTagsForStreamRequest(String streamName, String streamARN, String exclusiveStartTagKey, Integer limit) {}

    record ListTagsForStreamResponse(List<Tag> tags, Boolean hasMoreTags) {}

    record TagResourceRequest(String resourceARN, Map<String, String> tags) {}

    record UntagResourceRequest(String resourceARN, List<String> tagKeys) {}

    record ListTagsForResourceRequest(String resourceARN) {}

    record ListTagsForResourceResponse(List<Tag> tags) {}

    record PutResourcePolicyRequest(String resourceARN, String policy) {}

    record GetResourcePolicyRequest(String resourceARN) {}

    record GetResourcePolicyResponse(String policy) {}

    record DeleteResourcePolicyRequest(String resourceARN) {}

    static List<Tag> list(SortedMap<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> new Tag(e.getKey(), e.getValue()))
                .toList();
    }
}
