package dev.shardline.video.stream.web;

import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.platform.tag.TagPage;
import dev.shardline.video.VideoRoutes;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.VideoStreamService;
import dev.shardline.video.stream.web.StreamShapes.ListTagsForStreamRequest;
import dev.shardline.video.stream.web.StreamShapes.ListTagsResponse;
import dev.shardline.video.stream.web.StreamShapes.TagStreamRequest;
import dev.shardline.video.stream.web.StreamShapes.UntagStreamRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * TagStream, UntagStream, ListTagsForStream (by StreamName or StreamARN). TagResource, UntagResource and
 * ListTagsForResource take streams and signaling channels alike, so they are served beside both (video.web).
 */
@Component
public class VideoStreamTagActions implements VideoRoutes {

    /** A stream has at most 50 tags, so one page holds them all unless a caller pages by NextToken. */
    private static final int PAGE = 50;

    private final VideoStreamService streams;

    VideoStreamTagActions(VideoStreamService streams) {
        this.streams = streams;
    }

    @Override
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
                        (r, c) -> page(VideoStreamActions.selector(c, r.streamName(), r.streamArn()), r.nextToken())));
    }

    private ListTagsResponse page(StreamSelector ref, String nextToken) {
        TagPage page = streams.tags(ref, NextTokens.after(nextToken), PAGE);
        String next = page.hasMore() ? NextTokens.of(page.tags().lastKey()) : null;
        return new ListTagsResponse(next, page.tags());
    }
}
