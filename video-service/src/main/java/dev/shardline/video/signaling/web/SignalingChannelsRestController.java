package dev.shardline.video.signaling.web;

import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.VideoProperties;
import dev.shardline.video.signaling.ChannelSelector;
import dev.shardline.video.signaling.ChannelView;
import dev.shardline.video.signaling.SignalingChannelService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signaling channels for people and for the WebRTC demo pages, which hold no AWS credentials: the same application
 * service as the AWS actions, in the caller's account ({@link RestCaller}), plus a presigned connection URL.
 */
@RestController
@RequestMapping("/v1/signaling-channels")
@Tag(name = "WebRTC signaling channels", description = "KVS WebRTC signaling channels and connection URLs for pages")
class SignalingChannelsRestController {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");

    private final SignalingChannelService channels;
    private final SignalingEndpoints endpoints;
    private final SignalingUrlSigner signer;
    private final RestCaller caller;
    private final VideoProperties properties;

    SignalingChannelsRestController(
            SignalingChannelService channels,
            SignalingEndpoints endpoints,
            SignalingUrlSigner signer,
            RestCaller caller,
            VideoProperties properties) {
        this.channels = channels;
        this.endpoints = endpoints;
        this.signer = signer;
        this.caller = caller;
        this.properties = properties;
    }

    record CreateChannel(String name, Integer messageTtlSeconds) {}

    record ChannelJson(String name, String arn, String status, String version, int messageTtlSeconds) {

        static ChannelJson of(ChannelView channel) {
            return new ChannelJson(
                    channel.name(),
                    channel.arn().toString(),
                    channel.status().name(),
                    channel.version(),
                    channel.messageTtlSeconds());
        }
    }

    /** An ICE server as RTCPeerConnection takes it. */
    record RtcIceServer(List<String> urls, String username, String credential) {}

    record Connection(String channelArn, String role, String clientId, String url, List<RtcIceServer> iceServers) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a SINGLE_MASTER signaling channel")
    ChannelJson create(@RequestBody CreateChannel request) {
        if (request.messageTtlSeconds() != null
                && (request.messageTtlSeconds() < 5 || request.messageTtlSeconds() > 120)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("messageTtlSeconds must lie within 5 and 120");
        }
        return ChannelJson.of(channels.create(ref(request.name()), null, request.messageTtlSeconds(), null));
    }

    @GetMapping("/{name}")
    @Operation(summary = "Describe a signaling channel")
    ChannelJson describe(@PathVariable String name) {
        return ChannelJson.of(channels.describe(ref(name)));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a signaling channel")
    void delete(@PathVariable String name) {
        channels.delete(ref(name), null);
    }

    /**
     * A presigned URL of the signaling WebSocket, as a KVS SDK would make it, with the ICE servers GetIceServerConfig
     * answers: what a page needs to connect as MASTER or as a VIEWER named {@code clientId}.
     */
    @PostMapping("/{name}/connection")
    @Operation(summary = "A presigned signaling WebSocket URL for the demo pages")
    Connection connection(
            @PathVariable String name,
            @RequestParam(defaultValue = "VIEWER") String role,
            @RequestParam(required = false) String clientId) {
        if (!role.equals("MASTER") && !role.equals("VIEWER")) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("role must be MASTER or VIEWER");
        }
        boolean viewer = role.equals("VIEWER");
        if (viewer && (clientId == null || !NAME.matcher(clientId).matches())) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("A VIEWER needs a clientId matching [a-zA-Z0-9_.-]+");
        }
        ChannelView channel = channels.describe(ref(name));
        String arn = channel.arn().toString();
        // enforce: the key the page authenticated with, whose signature the handshake verifies; accept-any: the
        // account's id as the key id names the account
        String keyId = caller.accessKeyId().orElse(caller.accountId());
        String url = signer.presign(endpoints.websocket(), arn, viewer ? clientId : null, keyId, caller.region());
        List<RtcIceServer> ice = SignalingDataActions.iceServers(properties).stream()
                .map(s -> new RtcIceServer(s.uris(), s.username(), s.password()))
                .toList();
        return new Connection(arn, role, viewer ? clientId : null, url, ice);
    }

    private ChannelSelector ref(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "A channel name matches [a-zA-Z0-9_.-]+ (1 to 256 characters)");
        }
        return ChannelSelector.byName(caller.accountId(), caller.region(), name);
    }
}
