package dev.shardline.video.signaling.web;

import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import dev.shardline.video.VideoRoutes;
import dev.shardline.video.signaling.ChannelSelector;
import dev.shardline.video.signaling.SignalingChannelService;
import dev.shardline.video.signaling.SignalingChannelService.ChannelPage;
import dev.shardline.video.signaling.web.ChannelShapes.ChannelInfo;
import dev.shardline.video.signaling.web.ChannelShapes.ChannelRequest;
import dev.shardline.video.signaling.web.ChannelShapes.CreateSignalingChannelRequest;
import dev.shardline.video.signaling.web.ChannelShapes.CreateSignalingChannelResponse;
import dev.shardline.video.signaling.web.ChannelShapes.DeleteSignalingChannelRequest;
import dev.shardline.video.signaling.web.ChannelShapes.DescribeSignalingChannelResponse;
import dev.shardline.video.signaling.web.ChannelShapes.GetSignalingChannelEndpointRequest;
import dev.shardline.video.signaling.web.ChannelShapes.GetSignalingChannelEndpointResponse;
import dev.shardline.video.signaling.web.ChannelShapes.ListSignalingChannelsRequest;
import dev.shardline.video.signaling.web.ChannelShapes.ListSignalingChannelsResponse;
import dev.shardline.video.signaling.web.ChannelShapes.ResourceEndpointListItem;
import dev.shardline.video.signaling.web.ChannelShapes.SingleMasterConfiguration;
import dev.shardline.video.signaling.web.ChannelShapes.UpdateSignalingChannelRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * CreateSignalingChannel, DescribeSignalingChannel, ListSignalingChannels, UpdateSignalingChannel,
 * DeleteSignalingChannel and GetSignalingChannelEndpoint.
 */
@Component
class SignalingChannelActions implements VideoRoutes {

    private static final int DEFAULT_MAX_RESULTS = 10_000;

    private final SignalingChannelService channels;
    private final SignalingEndpoints endpoints;

    SignalingChannelActions(SignalingChannelService channels, SignalingEndpoints endpoints) {
        this.channels = channels;
        this.endpoints = endpoints;
    }

    @Override
    public List<AwsRestRoute<?, ?>> routes() {
        return List.of(
                AwsRestRoute.post("/createSignalingChannel", CreateSignalingChannelRequest.class, this::create),
                AwsRestRoute.post("/describeSignalingChannel", ChannelRequest.class, this::describe),
                AwsRestRoute.post("/listSignalingChannels", ListSignalingChannelsRequest.class, this::list),
                AwsRestRoute.post("/updateSignalingChannel", UpdateSignalingChannelRequest.class, this::update),
                AwsRestRoute.post("/deleteSignalingChannel", DeleteSignalingChannelRequest.class, this::delete),
                AwsRestRoute.post(
                        "/getSignalingChannelEndpoint", GetSignalingChannelEndpointRequest.class, this::endpoint));
    }

    private CreateSignalingChannelResponse create(CreateSignalingChannelRequest request, AwsRequestContext context) {
        // a JSON [null] among the tags is a validation error, as in TagResource (found by StructureAwareFuzzTest)
        Validation.of().noNullElements("tags", request.tags()).throwIfInvalid();
        ChannelSelector ref = ChannelSelector.byName(context.accountId(), context.region(), request.channelName());
        Map<String, String> tags = null;
        if (request.tags() != null) {
            tags = new LinkedHashMap<>();
            for (ChannelShapes.Tag tag : request.tags()) {
                tags.put(tag.key(), tag.value());
            }
        }
        Integer ttl = request.singleMasterConfiguration() == null
                ? null
                : request.singleMasterConfiguration().messageTtlSeconds();
        return new CreateSignalingChannelResponse(
                channels.create(ref, request.channelType(), ttl, tags).arn().toString());
    }

    private DescribeSignalingChannelResponse describe(ChannelRequest request, AwsRequestContext context) {
        ChannelSelector ref =
                ChannelSelector.of(context.accountId(), context.region(), request.channelName(), request.channelArn());
        return new DescribeSignalingChannelResponse(ChannelInfo.of(channels.describe(ref)));
    }

    private ListSignalingChannelsResponse list(ListSignalingChannelsRequest request, AwsRequestContext context) {
        String prefix = request.channelNameCondition() == null
                ? null
                : request.channelNameCondition().comparisonValue();
        int limit = request.maxResults() == null ? DEFAULT_MAX_RESULTS : request.maxResults();
        ChannelPage page =
                channels.list(context.accountId(), context.region(), prefix, after(request.nextToken()), limit);
        List<ChannelInfo> infos = page.channels().stream().map(ChannelInfo::of).toList();
        String next = page.hasMore()
                ? Base64.getEncoder()
                        .encodeToString(
                                infos.get(infos.size() - 1).channelName().getBytes(StandardCharsets.UTF_8))
                : null;
        return new ListSignalingChannelsResponse(infos, next);
    }

    private Object update(UpdateSignalingChannelRequest request, AwsRequestContext context) {
        SingleMasterConfiguration config = request.singleMasterConfiguration();
        channels.update(
                ChannelSelector.of(context.accountId(), context.region(), null, request.channelArn()),
                request.currentVersion(),
                config == null ? null : config.messageTtlSeconds());
        return null;
    }

    private Object delete(DeleteSignalingChannelRequest request, AwsRequestContext context) {
        channels.delete(
                ChannelSelector.of(context.accountId(), context.region(), null, request.channelArn()),
                request.currentVersion());
        return null;
    }

    /**
     * One endpoint per protocol asked for (WSS and HTTPS where none is), the same for MASTER and VIEWER: the WebSocket
     * tells them apart by X-Amz-ClientId. WEBRTC (the endpoint of WebRTC ingestion into a stream) is not served.
     */
    private GetSignalingChannelEndpointResponse endpoint(
            GetSignalingChannelEndpointRequest request, AwsRequestContext context) {
        channels.describe(ChannelSelector.of(context.accountId(), context.region(), null, request.channelArn()));
        List<String> protocols = request.singleMasterChannelEndpointConfiguration() == null
                        || request.singleMasterChannelEndpointConfiguration().protocols() == null
                ? List.of("WSS", "HTTPS")
                : request.singleMasterChannelEndpointConfiguration().protocols();
        List<ResourceEndpointListItem> items = new ArrayList<>();
        for (String protocol : protocols) {
            switch (protocol) {
                case "WSS" -> items.add(new ResourceEndpointListItem(protocol, endpoints.websocket()));
                case "HTTPS" -> items.add(new ResourceEndpointListItem(protocol, endpoints.https()));
                default ->
                    throw AwsErrorType.INVALID_ARGUMENT.exception("The WEBRTC endpoint is for channels that"
                            + " ingest WebRTC media into a stream (media storage configuration), which is not served.");
            }
        }
        return new GetSignalingChannelEndpointResponse(items);
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
