package dev.shardline.video.signaling.web;

import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.aws.AwsRestRoute;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.VideoProperties;
import dev.shardline.video.VideoRoutes;
import dev.shardline.video.signaling.ChannelSelector;
import dev.shardline.video.signaling.ChannelView;
import dev.shardline.video.signaling.SignalingChannelService;
import dev.shardline.video.signaling.SignalingRelay;
import dev.shardline.video.signaling.web.ChannelShapes.GetIceServerConfigRequest;
import dev.shardline.video.signaling.web.ChannelShapes.GetIceServerConfigResponse;
import dev.shardline.video.signaling.web.ChannelShapes.IceServer;
import dev.shardline.video.signaling.web.ChannelShapes.SendAlexaOfferToMasterRequest;
import dev.shardline.video.signaling.web.ChannelShapes.SendAlexaOfferToMasterResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/** The signaling channel's HTTPS actions (kinesis-video-signaling): GetIceServerConfig and SendAlexaOfferToMaster. */
@Component
class SignalingDataActions implements VideoRoutes {

    private final SignalingChannelService channels;
    private final SignalingRelay relay;
    private final VideoProperties properties;

    SignalingDataActions(SignalingChannelService channels, SignalingRelay relay, VideoProperties properties) {
        this.channels = channels;
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public List<AwsRestRoute<?, ?>> routes() {
        return List.of(
                AwsRestRoute.post("/v1/get-ice-server-config", GetIceServerConfigRequest.class, this::iceServers),
                AwsRestRoute.post(
                        "/v1/send-alexa-offer-to-master", SendAlexaOfferToMasterRequest.class, this::alexaOffer));
    }

    /** The configured STUN/TURN servers: none by default, where peers on one network need none. */
    private GetIceServerConfigResponse iceServers(GetIceServerConfigRequest request, AwsRequestContext context) {
        channel(context, request.channelArn());
        return new GetIceServerConfigResponse(iceServers(properties));
    }

    static List<IceServer> iceServers(VideoProperties properties) {
        return properties.webrtc().iceServers().stream()
                .map(s -> new IceServer(
                        s.uris(), s.username(), s.password(), (int) s.ttl().toSeconds()))
                .toList();
    }

    private SendAlexaOfferToMasterResponse alexaOffer(
            SendAlexaOfferToMasterRequest request, AwsRequestContext context) {
        ChannelView channel = channel(context, request.channelArn());
        String answer = relay.offerToMaster(
                        channel,
                        request.senderClientId(),
                        request.messagePayload(),
                        properties.webrtc().alexaAnswerTimeout())
                .orElseThrow(() -> AwsErrorType.RESOURCE_NOT_FOUND.exception(
                        "The master of the channel did not" + " answer the offer within "
                                + properties.webrtc().alexaAnswerTimeout().toMillis() + " ms."));
        return new SendAlexaOfferToMasterResponse(answer);
    }

    private ChannelView channel(AwsRequestContext context, String channelArn) {
        return channels.describe(ChannelSelector.of(context.accountId(), context.region(), null, channelArn));
    }
}
