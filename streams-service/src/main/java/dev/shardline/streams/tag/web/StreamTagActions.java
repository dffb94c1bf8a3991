package dev.shardline.streams.tag.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.tag.TagPage;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.tag.TagService;
import dev.shardline.streams.tag.TaggedResource;
import dev.shardline.streams.tag.web.TagShapes.*;
import dev.shardline.streams.web.KinesisActions;
import dev.shardline.streams.web.TagConstraints;
import java.util.List;
import org.springframework.stereotype.Component;

/** AddTagsToStream, RemoveTagsFromStream and ListTagsForStream on the AWS wire, mapped onto {@link TagService}. */
@Component
class StreamTagActions implements KinesisActions {

    private static final int DEFAULT_LIST_LIMIT = 50;

    private final TagService tags;

    StreamTagActions(TagService tags) {
        this.tags = tags;
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("AddTagsToStream", AddTagsToStreamRequest.class, this::addTagsToStream),
                AwsAction.of("RemoveTagsFromStream", RemoveTagsFromStreamRequest.class, this::removeTagsFromStream),
                AwsAction.of("ListTagsForStream", ListTagsForStreamRequest.class, this::listTagsForStream));
    }

    private Object addTagsToStream(AddTagsToStreamRequest request, AwsRequestContext ctx) {
        tags.add(stream(ctx, request.streamName(), request.streamARN()), request.tags());
        return null;
    }

    private Object removeTagsFromStream(RemoveTagsFromStreamRequest request, AwsRequestContext ctx) {
        TagConstraints.noNullKeys("tagKeys", request.tagKeys());
        tags.remove(stream(ctx, request.streamName(), request.streamARN()), request.tagKeys());
        return null;
    }

    private ListTagsForStreamResponse listTagsForStream(ListTagsForStreamRequest request, AwsRequestContext ctx) {
        TaggedResource stream = stream(ctx, request.streamName(), request.streamARN());
        TagPage page = tags.page(
                stream, request.exclusiveStartTagKey(), request.limit() == null ? DEFAULT_LIST_LIMIT : request.limit());
        return new ListTagsForStreamResponse(TagShapes.list(page.tags()), page.hasMore());
    }

    private static TaggedResource stream(AwsRequestContext ctx, String name, String arn) {
        return TaggedResource.stream(StreamConstraints.stream(ctx, name, arn));
    }
}
