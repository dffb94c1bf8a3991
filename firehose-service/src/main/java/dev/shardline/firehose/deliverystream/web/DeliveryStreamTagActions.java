package dev.shardline.firehose.deliverystream.web;

import dev.shardline.firehose.deliverystream.DeliveryStreamTags;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.Tag;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.Validation;
import dev.shardline.platform.tag.TagPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** TagDeliveryStream, UntagDeliveryStream and ListTagsForDeliveryStream, with the API model's constraints. */
@Component
public class DeliveryStreamTagActions {

    static final Pattern TAG_KEY = Pattern.compile("^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$");
    static final Pattern TAG_VALUE = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$");
    private static final int MAX_TAGS_PER_CALL = 50;

    private final DeliveryStreamTags tags;

    DeliveryStreamTagActions(DeliveryStreamTags tags) {
        this.tags = tags;
    }

    record TagDeliveryStreamRequest(String deliveryStreamName, List<Tag> tags) {}

    record UntagDeliveryStreamRequest(String deliveryStreamName, List<String> tagKeys) {}

    record ListTagsForDeliveryStreamRequest(String deliveryStreamName, String exclusiveStartTagKey, Integer limit) {}

    record ListTagsForDeliveryStreamResponse(List<Tag> tags, Boolean hasMoreTags) {}

    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("TagDeliveryStream", TagDeliveryStreamRequest.class, this::tag),
                AwsAction.of("UntagDeliveryStream", UntagDeliveryStreamRequest.class, this::untag),
                AwsAction.of("ListTagsForDeliveryStream", ListTagsForDeliveryStreamRequest.class, this::list));
    }

    private Object tag(TagDeliveryStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        Map<String, String> added = v.required("tags", request.tags()) ? tags(v, "tags", request.tags()) : Map.of();
        tags.tag(DeliveryStreamActions.validRef(v, ctx, request.deliveryStreamName()), added);
        return null;
    }

    private Object untag(UntagDeliveryStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        if (v.required("tagKeys", request.tagKeys())) {
            v.size("tagKeys", request.tagKeys(), 1, MAX_TAGS_PER_CALL);
            for (int i = 0; i < request.tagKeys().size() && i < MAX_TAGS_PER_CALL; i++) {
                key(v, "tagKeys." + (i + 1) + ".member", request.tagKeys().get(i));
            }
        }
        tags.untag(DeliveryStreamActions.validRef(v, ctx, request.deliveryStreamName()), request.tagKeys());
        return null;
    }

    private ListTagsForDeliveryStreamResponse list(ListTagsForDeliveryStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.range("limit", request.limit(), 1, MAX_TAGS_PER_CALL);
        if (request.exclusiveStartTagKey() != null) {
            key(v, "exclusiveStartTagKey", request.exclusiveStartTagKey());
        }
        int limit = request.limit() == null ? MAX_TAGS_PER_CALL : request.limit();
        TagPage page = tags.list(
                DeliveryStreamActions.validRef(v, ctx, request.deliveryStreamName()),
                request.exclusiveStartTagKey(),
                limit);
        return new ListTagsForDeliveryStreamResponse(
                page.tags().entrySet().stream()
                        .map(e -> new Tag(e.getKey(), e.getValue()))
                        .toList(),
                page.hasMore());
    }

    /** A list of 1 to 50 tags (TagDeliveryStream's, CreateDeliveryStream's), checked member by member; a later key wins. */
    static Map<String, String> tags(Validation v, String member, List<Tag> list) {
        v.size(member, list, 1, MAX_TAGS_PER_CALL);
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < list.size() && i < MAX_TAGS_PER_CALL; i++) {
            Tag tag = list.get(i);
            String at = member + "." + (i + 1) + ".member";
            if (v.required(at, tag) && key(v, at + ".key", tag.key())) {
                String value = tag.value() == null ? "" : tag.value();
                v.length(at + ".value", value, 0, 256).pattern(at + ".value", value, TAG_VALUE);
                tags.put(tag.key(), value);
            }
        }
        return tags;
    }

    private static boolean key(Validation v, String member, String key) {
        if (!v.required(member, key)) {
            return false;
        }
        v.length(member, key, 1, 128).pattern(member, key, TAG_KEY);
        return true;
    }
}
