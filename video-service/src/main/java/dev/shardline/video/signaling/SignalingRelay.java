package dev.shardline.video.signaling;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.VideoProperties;
import dev.shardline.video.signaling.SignalingMessages.ClientMessage;
import dev.shardline.video.signaling.SignalingMessages.Event;
import dev.shardline.video.signaling.SignalingMessages.StatusResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The signaling data plane of SINGLE_MASTER channels: relays SDP offers, answers and ICE candidates between a
 * channel's master and each of its viewers, and keeps a message for a recipient that is offline for the channel's
 * MessageTtlSeconds. It lives in this instance's memory: the peers of one channel must reach the same instance (see
 * docs/video.md).
 */
@Component
public class SignalingRelay {

    private static final Logger log = LoggerFactory.getLogger(SignalingRelay.class);

    private final ConcurrentMap<String, RelayChannel> channels = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxViewers;

    SignalingRelay(Clock clock, VideoProperties properties) {
        this.clock = clock;
        this.maxViewers = properties.webrtc().maxViewers();
    }

    /** One peer's connection to a channel; {@code clientId} is null for the master. */
    public record Connection(String channelArn, String clientId, SignalingPeer peer) {

        boolean master() {
            return clientId == null;
        }
    }

    /**
     * Connects a master ({@code clientId} null) or a viewer and delivers what waited for it.
     *
     * @throws dev.shardline.platform.error.AwsException ClientLimitExceededException when the channel has its most
     *     viewers
     */
    public Connection connect(ChannelView channel, String clientId, SignalingPeer peer) {
        String arn = channel.arn().toString();
        RelayChannel relay =
                channels.computeIfAbsent(arn, key -> new RelayChannel(Duration.ofSeconds(channel.messageTtlSeconds())));
        if (clientId != null && relay.viewerCount() >= maxViewers && !relay.hasViewer(clientId)) {
            throw AwsErrorType.CLIENT_LIMIT_EXCEEDED.exception(
                    "The channel has " + maxViewers + " viewers connected, the most it takes.");
        }
        relay.attach(clientId, peer, clock.instant());
        log.debug("{} connected to {}", clientId == null ? "Master" : "Viewer " + clientId, arn);
        return new Connection(arn, clientId, peer);
    }

    public void disconnect(Connection connection) {
        RelayChannel relay = channels.get(connection.channelArn());
        if (relay != null) {
            relay.detach(connection.clientId(), connection.peer(), clock.instant());
            channels.computeIfPresent(
                    connection.channelArn(), (arn, channel) -> channel.idle(clock.instant()) ? null : channel);
        }
    }

    /**
     * One text message from a peer: relayed to its recipient, or answered with a STATUS_RESPONSE where it cannot be.
     * As in AWS, a failure is reported only for a message that carries a correlationId; others are dropped.
     */
    public void receive(Connection from, String text) {
        ClientMessage message;
        try {
            message = SignalingMessages.JSON.readValue(text, ClientMessage.class);
        } catch (JacksonException e) {
            log.debug("Dropped a message that is no JSON object on {}", from.channelArn());
            return;
        }
        String problem = problem(from, message);
        if (problem != null) {
            fail(from, message, "InvalidArgumentException", "400", problem);
            return;
        }
        RelayChannel relay = channels.get(from.channelArn());
        if (relay == null) {
            return; // the channel was deleted while the message was under way
        }
        if (from.master()) {
            String event = SignalingMessages.write(Event.relayed(null, message));
            if (!relay.toViewer(message.recipientClientId(), event, clock.instant())) {
                fail(
                        from,
                        message,
                        "ResourceNotFoundException",
                        "404",
                        "The recipient " + message.recipientClientId() + " is not connected to the channel.");
            }
        } else {
            relay.toMaster(SignalingMessages.write(Event.relayed(from.clientId(), message)), clock.instant());
        }
    }

    /**
     * SendAlexaOfferToMaster: the offer reaches the master as a viewer's would, and the master's SDP answer to that
     * viewer is the result; empty when none came within {@code timeout}.
     */
    public Optional<String> offerToMaster(ChannelView channel, String senderClientId, String offer, Duration timeout) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        SignalingPeer alexa = new SignalingPeer() {
            @Override
            public boolean send(String text) {
                Event event = SignalingMessages.JSON.readValue(text, Event.class);
                if ("SDP_ANSWER".equals(event.messageType())) {
                    answer.complete(event.messagePayload());
                }
                return true;
            }

            @Override
            public void close(String reason) {
                answer.cancel(false);
            }
        };
        Connection connection = connect(channel, senderClientId, alexa);
        try {
            receive(
                    connection,
                    SignalingMessages.JSON.writeValueAsString(new ClientMessage("SDP_OFFER", null, offer, null)));
            return Optional.of(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | java.util.concurrent.CancellationException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            disconnect(connection);
        }
    }

    /** UpdateSignalingChannel changed MessageTtlSeconds: messages from now on wait that long. */
    void retune(ChannelView channel) {
        RelayChannel relay = channels.get(channel.arn().toString());
        if (relay != null) {
            relay.retune(Duration.ofSeconds(channel.messageTtlSeconds()));
        }
    }

    /** The channel was deleted: its peers are told to go away and disconnected, what waited is dropped. */
    void close(String channelArn) {
        RelayChannel relay = channels.remove(channelArn);
        if (relay != null) {
            String goAway = SignalingMessages.write(new Event(null, SignalingMessages.GO_AWAY, null, null));
            for (SignalingPeer peer : relay.peers()) {
                peer.send(goAway);
                peer.close("the signaling channel was deleted");
            }
        }
    }

    private static String problem(Connection from, ClientMessage message) {
        if (message.action() == null || !SignalingMessages.ACTIONS.contains(message.action())) {
            return "The action " + message.action() + " is not supported; use SDP_OFFER, SDP_ANSWER or ICE_CANDIDATE.";
        }
        if (!SignalingMessages.isPayload(message.messagePayload())) {
            return "The messagePayload must be base64 of 1 to " + SignalingMessages.MAX_PAYLOAD + " characters.";
        }
        if (from.master()
                && (message.recipientClientId() == null
                        || !SignalingMessages.ID
                                .matcher(message.recipientClientId())
                                .matches())) {
            return "A master's message needs a recipientClientId matching [a-zA-Z0-9_.-]+ (1 to 256 characters).";
        }
        return null;
    }

    private static void fail(
            Connection from, ClientMessage message, String errorType, String statusCode, String description) {
        String correlationId = message.correlationId();
        if (correlationId == null
                || !SignalingMessages.ID.matcher(correlationId).matches()) {
            log.debug("Dropped a message on {}: {}", from.channelArn(), description);
            return;
        }
        from.peer()
                .send(SignalingMessages.write(new Event(
                        null,
                        SignalingMessages.STATUS_RESPONSE,
                        null,
                        new StatusResponse(correlationId, errorType, statusCode, description))));
    }
}
