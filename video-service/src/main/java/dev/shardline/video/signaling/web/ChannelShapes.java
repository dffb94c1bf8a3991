package dev.shardline.video.signaling.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shardline.video.signaling.ChannelView;
import java.util.List;

/** The request and response members of the signaling channel actions, with AWS's names. */
final class ChannelShapes {

    private ChannelShapes() {}

    record Tag(String key, String value) {}

    record SingleMasterConfiguration(Integer messageTtlSeconds) {}

    record CreateSignalingChannelRequest(
            String channelName,
            String channelType,
            SingleMasterConfiguration singleMasterConfiguration,
            List<Tag> tags) {}

    record CreateSignalingChannelResponse(
            @JsonProperty("ChannelARN") String channelArn) {}

    record ChannelRequest(
            String channelName, @JsonProperty("ChannelARN") String channelArn) {}

    record DescribeSignalingChannelResponse(ChannelInfo channelInfo) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChannelInfo(
            String channelName,
            @JsonProperty("ChannelARN") String channelArn,
            String channelType,
            String channelStatus,
            double creationTime,
            SingleMasterConfiguration singleMasterConfiguration,
            String version) {

        static ChannelInfo of(ChannelView channel) {
            return new ChannelInfo(
                    channel.name(),
                    channel.arn().toString(),
                    channel.type(),
                    channel.status().name(),
                    channel.createdAt().toEpochMilli() / 1000.0,
                    new SingleMasterConfiguration(channel.messageTtlSeconds()),
                    channel.version());
        }
    }

    record ChannelNameCondition(String comparisonOperator, String comparisonValue) {}

    record ListSignalingChannelsRequest(
            Integer maxResults, String nextToken, ChannelNameCondition channelNameCondition) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListSignalingChannelsResponse(List<ChannelInfo> channelInfoList, String nextToken) {}

    record UpdateSignalingChannelRequest(
            @JsonProperty("ChannelARN") String channelArn,
            String currentVersion,
            SingleMasterConfiguration singleMasterConfiguration) {}

    record DeleteSignalingChannelRequest(
            @JsonProperty("ChannelARN") String channelArn, String currentVersion) {}

    record SingleMasterChannelEndpointConfiguration(List<String> protocols, String role) {}

    record GetSignalingChannelEndpointRequest(
            @JsonProperty("ChannelARN") String channelArn,
            SingleMasterChannelEndpointConfiguration singleMasterChannelEndpointConfiguration) {}

    record ResourceEndpointListItem(String protocol, String resourceEndpoint) {}

    record GetSignalingChannelEndpointResponse(List<ResourceEndpointListItem> resourceEndpointList) {}

    record GetIceServerConfigRequest(
            @JsonProperty("ChannelARN") String channelArn, String clientId, String service, String username) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IceServer(List<String> uris, String username, String password, Integer ttl) {}

    record GetIceServerConfigResponse(List<IceServer> iceServerList) {}

    record SendAlexaOfferToMasterRequest(
            @JsonProperty("ChannelARN") String channelArn, String senderClientId, String messagePayload) {}

    record SendAlexaOfferToMasterResponse(String answer) {}
}
