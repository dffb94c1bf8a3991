package dev.shardline.video.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import dev.shardline.platform.tag.TagPage;
import dev.shardline.video.VideoRoutes;
import dev.shardline.video.signaling.ChannelSelector;
import dev.shardline.video.signaling.SignalingChannelArn;
import dev.shardline.video.signaling.SignalingChannelService;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.VideoStreamArn;
import dev.shardline.video.stream.VideoStreamErrors;
import dev.shardline.video.stream.VideoStreamService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.springframework.stereotype.Component;

/**
 * TagResource, UntagResource and ListTagsForResource (AWS's paths for these start with a capital letter): by
 * ResourceARN, which names a video stream ({@code :stream/}) or a signaling channel ({@code :channel/}).
 */
@Component
class VideoResourceTagActions implements VideoRoutes {

    /** A resource has at most 50 tags, so one page holds them all unless a caller pages by NextToken. */
    private static final int PAGE = 50;

    private final VideoStreamService streams;
    private final SignalingChannelService channels;

    VideoResourceTagActions(VideoStreamService streams, SignalingChannelService channels) {
        this.streams = streams;
        this.channels = channels;
    }

    record Tag(String key, String value) {}

    record TagResourceRequest(@JsonProperty("ResourceARN") String resourceArn, List<Tag> tags) {}

    record UntagResourceRequest(@JsonProperty("ResourceARN") String resourceArn, List<String> tagKeyList) {}

    record ListTagsForResourceRequest(
            @JsonProperty("ResourceARN") String resourceArn, String nextToken) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListTagsResponse(String nextToken, Map<String, String> tags) {}

    @Override
    public List<AwsRestRoute<?, ?>> routes() {
        return List.of(
                AwsRestRoute.post("/TagResource", TagResourceRequest.class, this::tag),
                AwsRestRoute.post("/UntagResource", UntagResourceRequest.class, this::untag),
                AwsRestRoute.post("/ListTagsForResource", ListTagsForResourceRequest.class, this::list));
    }

    private Object tag(TagResourceRequest request, AwsRequestContext context) {
        // the service model lets a null list member through; AWS refuses it as a constraint
        Validation.of().noNullElements("tags", request.tags()).throwIfInvalid();
        Map<String, String> tags = new LinkedHashMap<>();
        request.tags().forEach(t -> tags.put(t.key(), t.value()));
        if (SignalingChannelArn.isChannelArn(request.resourceArn())) {
            channels.tag(channel(context, request.resourceArn()), tags);
        } else {
            streams.tag(stream(context, request.resourceArn()), tags);
        }
        return null;
    }

    private Object untag(UntagResourceRequest request, AwsRequestContext context) {
        if (SignalingChannelArn.isChannelArn(request.resourceArn())) {
            channels.untag(channel(context, request.resourceArn()), request.tagKeyList());
        } else {
            streams.untag(stream(context, request.resourceArn()), request.tagKeyList());
        }
        return null;
    }

    private ListTagsResponse list(ListTagsForResourceRequest request, AwsRequestContext context) {
        String after = after(request.nextToken());
        TagPage page = SignalingChannelArn.isChannelArn(request.resourceArn())
                ? channels.tags(channel(context, request.resourceArn()), after, PAGE)
                : streams.tags(stream(context, request.resourceArn()), after, PAGE);
        SortedMap<String, String> tags = page.tags();
        String next = page.hasMore()
                ? Base64.getEncoder().encodeToString(tags.lastKey().getBytes(StandardCharsets.UTF_8))
                : null;
        return new ListTagsResponse(next, tags);
    }

    private static ChannelSelector channel(AwsRequestContext context, String arn) {
        return ChannelSelector.of(context.accountId(), context.region(), null, arn);
    }

    /** A stream's ARN; anything that is neither a stream's nor a channel's is no resource here. */
    private static StreamSelector stream(AwsRequestContext context, String arn) {
        if (!arn.contains(":stream/")) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception("The resource " + arn + " is not found.");
        }
        StreamSelector selector = StreamSelector.of(context.accountId(), context.region(), null, arn);
        VideoStreamArn parsed = selector.arn();
        if (!parsed.accountId().equals(context.accountId()) || !parsed.region().equals(context.region())) {
            throw VideoStreamErrors.notFound();
        }
        return selector;
    }

    private static String after(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken " + token);
        }
    }
}
