package dev.shardline.video.signaling.web;

import dev.shardline.platform.error.AwsException;
import dev.shardline.video.signaling.ChannelView;
import dev.shardline.video.signaling.SignalingPeer;
import dev.shardline.video.signaling.SignalingRelay;
import dev.shardline.video.signaling.SignalingRelay.Connection;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** One signaling WebSocket: its text messages go to the relay, and the relay's events come back on it. */
@Component
class SignalingSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SignalingSocketHandler.class);
    private static final String CONNECTION = "connection";

    /** An SDP of a few kilobytes, base64 (up to AWS's 10,000 characters) in JSON, fits with room to spare. */
    private static final int MAX_MESSAGE = 64 * 1024;

    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER = 1024 * 1024;

    private final SignalingRelay relay;

    SignalingSocketHandler(SignalingRelay relay) {
        this.relay = relay;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        session.setTextMessageSizeLimit(MAX_MESSAGE);
        // the relay sends from the threads of other peers' messages: the decorator makes those sends one at a time
        WebSocketSession shared = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER);
        ChannelView channel = (ChannelView) session.getAttributes().get(SignalingHandshake.CHANNEL);
        String clientId = (String) session.getAttributes().get(SignalingHandshake.CLIENT_ID);
        try {
            Connection connection = relay.connect(channel, clientId, new Peer(shared));
            session.getAttributes().put(CONNECTION, connection);
        } catch (AwsException e) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason(e.getMessage()));
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = (Connection) session.getAttributes().get(CONNECTION);
        if (connection != null) {
            relay.receive(connection, message.getPayload());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = (Connection) session.getAttributes().get(CONNECTION);
        if (connection != null) {
            relay.disconnect(connection);
        }
    }

    private record Peer(WebSocketSession session) implements SignalingPeer {

        @Override
        public boolean send(String text) {
            if (!session.isOpen()) {
                return false;
            }
            try {
                session.sendMessage(new TextMessage(text));
                return true;
            } catch (IOException | IllegalStateException e) {
                log.debug("A signaling message was not delivered: {}", e.getMessage());
                return false;
            }
        }

        @Override
        public void close(String reason) {
            try {
                session.close(CloseStatus.GOING_AWAY.withReason(reason));
            } catch (IOException e) {
                log.debug("Closing a signaling connection failed: {}", e.getMessage());
            }
        }
    }
}
