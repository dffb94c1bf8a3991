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
import org.springframework.stereotype.Component;

/** TagDeliveryStream, UntagDeliveryStream and ListTagsForDeliveryStream; the API model checks their members first. */
@Component
public class DeliveryStreamTagActions {

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
        Map<String, String> added = tags(v, request.tags());
        v.throwIfInvalid();
        tags.tag(DeliveryStreamActions.validRef(ctx, request.deliveryStreamName()), added);
        return null;
    }

    private Object untag(UntagDeliveryStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        for (int i = 0; i < request.tagKeys().size(); i++) {
            v.required("tagKeys." + (i + 1) + ".member", request.tagKeys().get(i));
        }
        v.throwIfInvalid();
        tags.untag(DeliveryStreamActions.validRef(ctx, request.deliveryStreamName()), request.tagKeys());
        return null;
    }

    private ListTagsForDeliveryStreamResponse list(ListTagsForDeliveryStreamRequest request, AwsRequestContext ctx) {
        int limit = request.limit() == null ? MAX_TAGS_PER_CALL : request.limit();
        TagPage page = tags.list(
                DeliveryStreamActions.validRef(ctx, request.deliveryStreamName()),
                request.exclusiveStartTagKey(),
                limit);
        return new ListTagsForDeliveryStreamResponse(
                page.tags().entrySet().stream()
                        .map(e -> new Tag(e.getKey(), e.getValue()))
                        .toList(),
                page.hasMore());
    }

    /**
     * A list of tags (TagDeliveryStream's, CreateDeliveryStream's) whose members the API model has checked: null
     * members, which the model check passes over, are recorded in {@code v}; a later key wins.
     */
    static Map<String, String> tags(Validation v, List<Tag> list) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Tag tag = list.get(i);
            if (v.required("tags." + (i + 1) + ".member", tag)) {
                tags.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return tags;
    }
}
