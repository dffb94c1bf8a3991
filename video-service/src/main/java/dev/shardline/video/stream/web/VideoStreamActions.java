package dev.shardline.video.stream.web;

import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.VideoProperties;
import dev.shardline.video.VideoRoutes;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.VideoStreamArn;
import dev.shardline.video.stream.VideoStreamService;
import dev.shardline.video.stream.VideoStreamService.NewStream;
import dev.shardline.video.stream.VideoStreamService.StreamPage;
import dev.shardline.video.stream.web.StreamShapes.CreateStreamRequest;
import dev.shardline.video.stream.web.StreamShapes.CreateStreamResponse;
import dev.shardline.video.stream.web.StreamShapes.DeleteStreamRequest;
import dev.shardline.video.stream.web.StreamShapes.DescribeStreamResponse;
import dev.shardline.video.stream.web.StreamShapes.GetDataEndpointRequest;
import dev.shardline.video.stream.web.StreamShapes.GetDataEndpointResponse;
import dev.shardline.video.stream.web.StreamShapes.ListStreamsRequest;
import dev.shardline.video.stream.web.StreamShapes.ListStreamsResponse;
import dev.shardline.video.stream.web.StreamShapes.StreamInfo;
import dev.shardline.video.stream.web.StreamShapes.StreamRequest;
import dev.shardline.video.stream.web.StreamShapes.UpdateDataRetentionRequest;
import dev.shardline.video.stream.web.StreamShapes.UpdateStreamRequest;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** CreateStream, DescribeStream, ListStreams, DeleteStream, UpdateStream, UpdateDataRetention, GetDataEndpoint. */
@Component
public class VideoStreamActions implements VideoRoutes {

    private static final int DEFAULT_MAX_RESULTS = 10_000;

    private final VideoStreamService streams;
    private final VideoProperties properties;

    VideoStreamActions(VideoStreamService streams, VideoProperties properties) {
        this.streams = streams;
        this.properties = properties;
    }

    @Override
    public List<AwsRestRoute<?, ?>> routes() {
        return List.of(
                AwsRestRoute.post("/createStream", CreateStreamRequest.class, this::create),
                AwsRestRoute.post("/describeStream", StreamRequest.class, this::describe),
                AwsRestRoute.post("/listStreams", ListStreamsRequest.class, this::list),
                AwsRestRoute.post("/deleteStream", DeleteStreamRequest.class, this::delete),
                AwsRestRoute.post("/updateStream", UpdateStreamRequest.class, this::update),
                AwsRestRoute.post("/updateDataRetention", UpdateDataRetentionRequest.class, this::updateRetention),
                AwsRestRoute.post("/getDataEndpoint", GetDataEndpointRequest.class, this::dataEndpoint));
    }

    private CreateStreamResponse create(CreateStreamRequest request, AwsRequestContext context) {
        StreamSelector ref = StreamSelector.byName(context.accountId(), context.region(), request.streamName());
        NewStream stream = new NewStream(
                request.deviceName(),
                request.mediaType(),
                request.kmsKeyId(),
                request.dataRetentionInHours(),
                request.tags());
        return new CreateStreamResponse(streams.create(ref, stream).arn().toString());
    }

    private DescribeStreamResponse describe(StreamRequest request, AwsRequestContext context) {
        return new DescribeStreamResponse(
                StreamInfo.of(streams.describe(selector(context, request.streamName(), request.streamArn()))));
    }

    private ListStreamsResponse list(ListStreamsRequest request, AwsRequestContext context) {
        String prefix = null;
        if (request.streamNameCondition() != null) {
            prefix = request.streamNameCondition().comparisonValue();
        }
        int limit = request.maxResults() == null ? DEFAULT_MAX_RESULTS : request.maxResults();
        StreamPage page = streams.list(
                context.accountId(), context.region(), prefix, NextTokens.after(request.nextToken()), limit);
        List<StreamInfo> infos = page.streams().stream().map(StreamInfo::of).toList();
        String next = page.hasMore() ? NextTokens.of(infos.get(infos.size() - 1).streamName()) : null;
        return new ListStreamsResponse(infos, next);
    }

    private Object delete(DeleteStreamRequest request, AwsRequestContext context) {
        streams.delete(selector(context, null, request.streamArn()), request.currentVersion());
        return null;
    }

    private Object update(UpdateStreamRequest request, AwsRequestContext context) {
        streams.update(
                selector(context, request.streamName(), request.streamArn()),
                request.currentVersion(),
                request.deviceName(),
                request.mediaType());
        return null;
    }

    private Object updateRetention(UpdateDataRetentionRequest request, AwsRequestContext context) {
        boolean increase = "INCREASE_DATA_RETENTION".equals(request.operation());
        streams.changeRetention(
                selector(context, request.streamName(), request.streamArn()),
                request.currentVersion(),
                increase,
                request.dataRetentionChangeInHours());
        return null;
    }

    /** Every data plane API is served by this same server, so every APIName gets the same endpoint. */
    private GetDataEndpointResponse dataEndpoint(GetDataEndpointRequest request, AwsRequestContext context) {
        streams.describe(selector(context, request.streamName(), request.streamArn()));
        String endpoint = properties.dataEndpoint() != null
                ? properties.dataEndpoint().toString()
                : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return new GetDataEndpointResponse(endpoint);
    }

    /** The stream a call names; an ARN of another account or region names no stream here. */
    static StreamSelector selector(AwsRequestContext context, String streamName, String streamArn) {
        StreamSelector selector = StreamSelector.of(context.accountId(), context.region(), streamName, streamArn);
        VideoStreamArn arn = selector.arn();
        if (arn != null
                && (!arn.accountId().equals(context.accountId())
                        || !arn.region().equals(context.region()))) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception("The requested stream is not found or not active.");
        }
        return selector;
    }
}
