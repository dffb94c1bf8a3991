package dev.shardline.video.media.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.video.media.LiveMedia;
import dev.shardline.video.stream.StreamSelector;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** GetMedia ({@code POST /getMedia}, Kinesis Video Streams Media): the stream's media from a StartSelector on. */
@Component
public class GetMediaAction {

    private final LiveMedia media;

    GetMediaAction(LiveMedia media) {
        this.media = media;
    }

    record StartSelector(
            String startSelectorType,
            String afterFragmentNumber,
            BigDecimal startTimestamp,
            String continuationToken) {}

    record GetMediaRequest(
            String streamName, @JsonProperty("StreamARN") String streamArn, StartSelector startSelector) {}

    public AwsRestRoute<?, ?> route() {
        return AwsRestRoute.post("/getMedia", GetMediaRequest.class, this::getMedia);
    }

    private Object getMedia(GetMediaRequest request, AwsRequestContext context) {
        StreamSelector ref =
                StreamSelector.of(context.accountId(), context.region(), request.streamName(), request.streamArn());
        StartSelector start = request.startSelector();
        Instant timestamp = start.startTimestamp() == null
                ? null
                : Instant.ofEpochMilli(start.startTimestamp().movePointRight(3).longValue());
        return media.open(
                ref,
                new LiveMedia.Start(
                        start.startSelectorType(), start.afterFragmentNumber(), timestamp, start.continuationToken()));
    }
}
