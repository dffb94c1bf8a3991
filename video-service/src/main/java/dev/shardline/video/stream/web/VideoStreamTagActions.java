package dev.shardline.video.stream.web;

import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.platform.tag.TagPage;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.VideoStreamService;
import dev.shardline.video.stream.web.StreamShapes.ListTagsForResourceRequest;
import dev.shardline.video.stream.web.StreamShapes.ListTagsForStreamRequest;
import dev.shardline.video.stream.web.StreamShapes.ListTagsResponse;
import dev.shardline.video.stream.web.StreamShapes.Tag;
import dev.shardline.video.stream.web.StreamShapes.TagResourceRequest;
import dev.shardline.video.stream.web.StreamShapes.TagStreamRequest;
import dev.shardline.video.stream.web.StreamShapes.UntagResourceRequest;
import dev.shardline.video.stream.web.StreamShapes.UntagStreamRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * TagStream, UntagStream, ListTagsForStream (by StreamName or StreamARN) and TagResource, UntagResource,
 * ListTagsForResource (by ResourceARN; AWS's paths for these three start with a capital letter).
 */
@Component
public class VideoStreamTagActions {

    /** A stream has at most 50 tags, so one page holds them all unless a caller pages by NextToken. */
    private static final int PAGE = 50;

    private final VideoStreamService streams;

    VideoStreamTagActions(VideoStreamService streams) {
        this.streams = streams;
    }

    public List<AwsRestRoute<?, ?>> routes() {
        return List.of(
                AwsRestRoute.post("/tagStream", TagStreamRequest.class, (r, c) -> {
                    streams.tag(VideoStreamActions.selector(c, r.streamName(), r.streamArn()), r.tags());
                    return null;
                }),
                AwsRestRoute.post("/untagStream", UntagStreamRequest.class, (r, c) -> {
                    streams.untag(VideoStreamActions.selector(c, r.streamName(), r.streamArn()), r.tagKeyList());
                    return null;
                }),
                AwsRestRoute.post(
                        "/listTagsForStream",
                        ListTagsForStreamRequest.class,
                        (r, c) -> page(VideoStreamActions.selector(c, r.streamName(), r.streamArn()), r.nextToken())),
                AwsRestRoute.post("/TagResource", TagResourceRequest.class, (r, c) -> {
                    Map<String, String> tags = new LinkedHashMap<>();
                    r.tags().forEach((Tag t) -> tags.put(t.key(), t.value()));
                    streams.tag(byArn(c, r.resourceArn()), tags);
                    return null;
                }),
                AwsRestRoute.post("/UntagResource", UntagResourceRequest.class, (r, c) -> {
                    streams.untag(byArn(c, r.resourceArn()), r.tagKeyList());
                    return null;
                }),
                AwsRestRoute.post(
                        "/ListTagsForResource",
                        ListTagsForResourceRequest.class,
                        (r, c) -> page(byArn(c, r.resourceArn()), r.nextToken())));
    }

    private ListTagsResponse page(StreamSelector ref, String nextToken) {
        TagPage page = streams.tags(ref, NextTokens.after(nextToken), PAGE);
        String next = page.hasMore() ? NextTokens.of(page.tags().lastKey()) : null;
        return new ListTagsResponse(next, page.tags());
    }

    /** Signaling channels are not served, so a resource ARN that is no stream's is no resource here. */
    private static StreamSelector byArn(AwsRequestContext context, String resourceArn) {
        if (!resourceArn.contains(":stream/")) {
            throw dev.shardline.platform.error.AwsErrorType.RESOURCE_NOT_FOUND.exception(
                    "The resource " + resourceArn + " is not found.");
        }
        return VideoStreamActions.selector(context, null, resourceArn);
    }
}
