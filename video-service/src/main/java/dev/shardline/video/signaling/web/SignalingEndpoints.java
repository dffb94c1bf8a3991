package dev.shardline.video.signaling.web;

import dev.shardline.video.VideoProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where the signaling data plane is reached: the WebSocket at {@link #WEBSOCKET_PATH} and the HTTPS actions at the
 * root, both on this server unless configured otherwise.
 */
@Component
class SignalingEndpoints {

    /** The path of the signaling WebSocket (AWS's has none, on a host of its own). */
    static final String WEBSOCKET_PATH = "/kvs-webrtc";

    private final VideoProperties properties;

    SignalingEndpoints(VideoProperties properties) {
        this.properties = properties;
    }

    /** {@code ws://} where the caller came over plain HTTP, {@code wss://} over TLS, or the configured endpoint. */
    String websocket() {
        if (properties.webrtc().signalingEndpoint() != null) {
            return properties.webrtc().signalingEndpoint().toString();
        }
        String base = https();
        return (base.startsWith("https:") ? "wss:" + base.substring(6) : "ws:" + base.substring(5)) + WEBSOCKET_PATH;
    }

    /** The base URL of GetIceServerConfig and SendAlexaOfferToMaster: the data endpoint, as GetDataEndpoint has it. */
    String https() {
        if (properties.dataEndpoint() != null) {
            return properties.dataEndpoint().toString();
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
