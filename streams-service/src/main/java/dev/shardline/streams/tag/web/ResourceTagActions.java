package dev.shardline.streams.tag.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.streams.tag.TagService;
import dev.shardline.streams.tag.web.TagShapes.*;
import dev.shardline.streams.web.KinesisActions;
import dev.shardline.streams.web.TagConstraints;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * TagResource, UntagResource and ListTagsForResource on the AWS wire, mapped onto {@link TagService}. A ResourceARN
 * names a stream or one of its enhanced fan-out consumers.
 */
@Component
class ResourceTagActions implements KinesisActions {

    private final TagService tags;

    ResourceTagActions(TagService tags) {
        this.tags = tags;
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("TagResource", TagResourceRequest.class, this::tagResource),
                AwsAction.of("UntagResource", UntagResourceRequest.class, this::untagResource),
                AwsAction.of("ListTagsForResource", ListTagsForResourceRequest.class, this::listTagsForResource));
    }

    private Object tagResource(TagResourceRequest request, AwsRequestContext ctx) {
        tags.add(ResourceArns.resource(request.resourceARN()), request.tags());
        return null;
    }

    private Object untagResource(UntagResourceRequest request, AwsRequestContext ctx) {
        TagConstraints.noNullKeys("tagKeys", request.tagKeys());
        tags.remove(ResourceArns.resource(request.resourceARN()), request.tagKeys());
        return null;
    }

    private ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request, AwsRequestContext ctx) {
        return new ListTagsForResourceResponse(TagShapes.list(tags.tags(ResourceArns.resource(request.resourceARN()))));
    }
}
