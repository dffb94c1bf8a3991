package dev.shardline.analytics.application.web;

import dev.shardline.analytics.application.ApplicationRef;
import dev.shardline.analytics.application.ApplicationTags;
import dev.shardline.analytics.application.web.ApplicationShapes.Tag;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** TagResource, UntagResource and ListTagsForResource on an application's ARN. */
@Component
public class TagActions {

    private static final int MAX_TAGS = 50;

    private final ApplicationTags tags;

    TagActions(ApplicationTags tags) {
        this.tags = tags;
    }

    record TagResourceRequest(String resourceARN, List<Tag> tags) {}

    record UntagResourceRequest(String resourceARN, List<String> tagKeys) {}

    record ListTagsForResourceRequest(String resourceARN) {}

    record ListTagsForResourceResponse(List<Tag> tags) {}

    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("TagResource", TagResourceRequest.class, this::tag),
                AwsAction.of("UntagResource", UntagResourceRequest.class, this::untag),
                AwsAction.of("ListTagsForResource", ListTagsForResourceRequest.class, this::list));
    }

    private Object tag(TagResourceRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        RequestChecks.tags(v, "tags", request.tags());
        v.throwIfInvalid();
        tags.tag(ref(request.resourceARN(), ctx), tags(request.tags()));
        return null;
    }

    private Object untag(UntagResourceRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        RequestChecks.noNullElements(v, "tagKeys", request.tagKeys());
        v.throwIfInvalid();
        tags.untag(ref(request.resourceARN(), ctx), request.tagKeys());
        return null;
    }

    private ListTagsForResourceResponse list(ListTagsForResourceRequest request, AwsRequestContext ctx) {
        return new ListTagsForResourceResponse(tags.list(ref(request.resourceARN(), ctx)).entrySet().stream()
                .map(e -> new Tag(e.getKey(), e.getValue()))
                .toList());
    }

    private static ApplicationRef ref(String arn, AwsRequestContext ctx) {
        return ApplicationRef.fromArn(arn, ctx.accountId(), ctx.region());
    }

    /** A list of tags, at most 50 (TooManyTagsException, as AWS); a later key wins. */
    static Map<String, String> tags(List<Tag> list) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (list != null) {
            list.forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
        }
        if (tags.size() > MAX_TAGS) {
            throw AwsErrorType.TOO_MANY_TAGS.exception("Too many tags: an application can have at most " + MAX_TAGS
                    + " tags; " + tags.size() + " were given.");
        }
        return tags;
    }
}
