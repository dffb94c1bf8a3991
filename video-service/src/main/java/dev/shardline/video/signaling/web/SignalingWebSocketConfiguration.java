package dev.shardline.video.signaling.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The signaling WebSocket on the service's own port; any origin, as AWS's endpoint takes any web page's. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SignalingWebSocketConfiguration implements WebSocketConfigurer {

    private final SignalingSocketHandler handler;
    private final SignalingHandshake handshake;

    SignalingWebSocketConfiguration(SignalingSocketHandler handler, SignalingHandshake handshake) {
        this.handler = handler;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, SignalingEndpoints.WEBSOCKET_PATH)
                .addInterceptors(handshake)
                .setAllowedOriginPatterns("*");
    }
}
