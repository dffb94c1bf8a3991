package dev.shardline.video.signaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON messages of the KVS WebRTC signaling WebSocket, with AWS's member names: what a client sends (SendSdpOffer,
 * SendSdpAnswer, SendIceCandidate) and the events it receives (asynchronous message reception).
 */
final class SignalingMessages {

    static final ObjectMapper JSON = JsonMapper.shared();

    static final Set<String> ACTIONS = Set.of("SDP_OFFER", "SDP_ANSWER", "ICE_CANDIDATE");
    static final String STATUS_RESPONSE = "STATUS_RESPONSE";
    static final String GO_AWAY = "GO_AWAY";

    /** AWS's limits on the members of a client message. */
    static final int MAX_PAYLOAD = 10_000;

    static final Pattern ID = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
    private static final Pattern BASE64 = Pattern.compile("[a-zA-Z0-9+/=]+");

    private SignalingMessages() {}

    /** What a client sends: {@code recipientClientId} is needed from the master and ignored from a viewer. */
    record ClientMessage(String action, String recipientClientId, String messagePayload, String correlationId) {}

    /** What a recipient gets: a relayed message, or (with {@code statusResponse}) the failure of one it sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String senderClientId, String messageType, String messagePayload, StatusResponse statusResponse) {

        static Event relayed(String senderClientId, ClientMessage message) {
            return new Event(senderClientId, message.action(), message.messagePayload(), null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusResponse(String correlationId, String errorType, String statusCode, String description) {}

    static boolean isPayload(String payload) {
        return payload != null
                && !payload.isEmpty()
                && payload.length() <= MAX_PAYLOAD
                && BASE64.matcher(payload).matches();
    }

    static String write(Event event) {
        return JSON.writeValueAsString(event);
    }
}
