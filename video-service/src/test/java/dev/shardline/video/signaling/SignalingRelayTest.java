package dev.shardline.video.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.video.VideoIntegrationTest;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelProtocol;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelRole;
import tools.jackson.databind.JsonNode;

/**
 * The signaling WebSocket as AWS defines it, driven by a plain Java WebSocket client over a SigV4-presigned URL: the
 * relay between a master and its viewers, the order of messages, STATUS_RESPONSE for what cannot be relayed, and the
 * messages kept for MessageTtlSeconds while their recipient is offline.
 */
class SignalingRelayTest extends VideoIntegrationTest {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignalingRelayTest.class);
    private static final String RELAY_ACCOUNT = "333344445555";

    private KinesisVideoClient video;

    @BeforeEach
    void client() {
        video = video(RELAY_ACCOUNT);
    }

    @Test
    void aViewersOfferReachesTheMasterAndTheAnswerAndCandidatesComeBackInOrder() throws Exception {
        Channel channel = channel(60);
        try (SignalingSocket master = channel.master();
                SignalingSocket viewer = channel.viewer("viewer-1")) {
            viewer.send("SDP_OFFER", "{\"type\":\"offer\",\"sdp\":\"v=0\"}", null, null);
            for (int i = 0; i < 20; i++) {
                viewer.send("ICE_CANDIDATE", "{\"candidate\":\"c" + i + "\"}", null, null);
            }

            JsonNode offer = master.next();
            assertThat(offer.get("messageType").asString()).isEqualTo("SDP_OFFER");
            assertThat(offer.get("senderClientId").asString()).isEqualTo("viewer-1");
            assertThat(SignalingSocket.decoded(offer)).isEqualTo("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
            for (int i = 0; i < 20; i++) {
                JsonNode candidate = master.next();
                assertThat(candidate.get("messageType").asString()).isEqualTo("ICE_CANDIDATE");
                assertThat(SignalingSocket.decoded(candidate)).isEqualTo("{\"candidate\":\"c" + i + "\"}");
            }

            master.send("SDP_ANSWER", "{\"type\":\"answer\"}", "viewer-1", null);
            master.send("ICE_CANDIDATE", "{\"candidate\":\"m0\"}", "viewer-1", null);
            JsonNode answer = viewer.next();
            assertThat(answer.get("messageType").asString()).isEqualTo("SDP_ANSWER");
            assertThat(SignalingSocket.decoded(answer)).isEqualTo("{\"type\":\"answer\"}");
            assertThat(SignalingSocket.decoded(viewer.next())).isEqualTo("{\"candidate\":\"m0\"}");
        }
    }

    /**
     * Offer after offer, each answered by the master as soon as it arrives: every answer comes back to its viewer, in
     * order. The round trips (viewer sends, master receives and answers, viewer receives) are logged, not asserted.
     */
    @Test
    void hundredsOfOfferAnswerRoundTripsArriveInOrder() throws Exception {
        Channel channel = channel(60);
        int rounds = 300;
        long[] micros = new long[rounds];
        try (SignalingSocket master = channel.master();
                SignalingSocket viewer = channel.viewer("bench")) {
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                viewer.send("SDP_OFFER", "offer-" + i, null, null);
                JsonNode offer = master.next();
                assertThat(SignalingSocket.decoded(offer)).isEqualTo("offer-" + i);
                master.send(
                        "SDP_ANSWER", "answer-" + i, offer.get("senderClientId").asString(), null);
                assertThat(SignalingSocket.decoded(viewer.next())).isEqualTo("answer-" + i);
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
        }
        long[] warm = java.util.Arrays.copyOfRange(micros, 50, rounds);
        java.util.Arrays.sort(warm);
        log.info(
                "Signaling round trip (viewer offer -> master -> answer -> viewer, two relay hops) over {} rounds:"
                        + " p50 {} us, p99 {} us, max {} us",
                warm.length,
                warm[warm.length / 2],
                warm[(int) (warm.length * 0.99)],
                warm[warm.length - 1]);
    }

    @Test
    void eachViewerGetsOnlyWhatTheMasterSendsToIt() throws Exception {
        Channel channel = channel(60);
        try (SignalingSocket master = channel.master()) {
            List<SignalingSocket> viewers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                viewers.add(channel.viewer("v" + i));
            }
            try {
                for (int i = 0; i < 3; i++) {
                    viewers.get(i).send("SDP_OFFER", "offer-" + i, null, null);
                }
                List<String> senders = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    JsonNode offer = master.next();
                    senders.add(offer.get("senderClientId").asString());
                    assertThat(SignalingSocket.decoded(offer))
                            .isEqualTo("offer-"
                                    + offer.get("senderClientId").asString().substring(1));
                }
                assertThat(senders).containsExactlyInAnyOrder("v0", "v1", "v2");
                for (int i = 2; i >= 0; i--) {
                    master.send("SDP_ANSWER", "answer-" + i, "v" + i, null);
                }
                for (int i = 0; i < 3; i++) {
                    assertThat(SignalingSocket.decoded(viewers.get(i).next())).isEqualTo("answer-" + i);
                    assertThat(viewers.get(i).poll(Duration.ofMillis(200))).isNull();
                }
            } finally {
                viewers.forEach(SignalingSocket::close);
            }
        }
    }

    @Test
    void aViewersOfferWaitsForAMasterThatConnectsWithinTheTtl() throws Exception {
        Channel channel = channel(60);
        try (SignalingSocket viewer = channel.viewer("early")) {
            viewer.send("SDP_OFFER", "offer-before-master", null, null);
            viewer.send("ICE_CANDIDATE", "candidate-before-master", null, null);
            try (SignalingSocket master = channel.master()) {
                JsonNode offer = master.next();
                assertThat(offer.get("messageType").asString()).isEqualTo("SDP_OFFER");
                assertThat(offer.get("senderClientId").asString()).isEqualTo("early");
                assertThat(SignalingSocket.decoded(offer)).isEqualTo("offer-before-master");
                assertThat(SignalingSocket.decoded(master.next())).isEqualTo("candidate-before-master");

                master.send("SDP_ANSWER", "answer", "early", null);
                assertThat(SignalingSocket.decoded(viewer.next())).isEqualTo("answer");
            }
        }
    }

    @Test
    void aMessageForAnOfflineRecipientIsDroppedOnceItsTtlHasPassed() throws Exception {
        Channel channel = channel(5); // AWS's shortest MessageTtlSeconds
        try (SignalingSocket viewer = channel.viewer("patient")) {
            viewer.send("SDP_OFFER", "stale-offer", null, null);
            long sent = System.nanoTime();
            await().pollDelay(Duration.ofMillis(5_200))
                    .atMost(Duration.ofSeconds(7))
                    .until(() -> true);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThan(Duration.ofSeconds(5));
            viewer.send("SDP_OFFER", "fresh-offer", null, null);
            try (SignalingSocket master = channel.master()) {
                assertThat(SignalingSocket.decoded(master.next())).isEqualTo("fresh-offer");
                assertThat(master.poll(Duration.ofMillis(300))).isNull();
            }
        }
    }

    @Test
    void aViewerThatLeftGetsTheMastersMessagesWhenItReconnectsWithinTheTtl() throws Exception {
        Channel channel = channel(60);
        try (SignalingSocket master = channel.master()) {
            SignalingSocket first = channel.viewer("flaky");
            first.send("SDP_OFFER", "offer", null, null);
            master.next();
            first.close(); // returns once the server has answered the close
            master.send("SDP_ANSWER", "answer-while-away", "flaky", "c-1");
            try (SignalingSocket again = channel.viewer("flaky")) {
                assertThat(SignalingSocket.decoded(again.next())).isEqualTo("answer-while-away");
            }
            assertThat(master.poll(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void badMessagesAndUnknownRecipientsGetAStatusResponseWithTheirCorrelationId() throws Exception {
        Channel channel = channel(60);
        try (SignalingSocket master = channel.master();
                SignalingSocket viewer = channel.viewer("v")) {
            master.send("SDP_ANSWER", "answer", "nobody", "unknown-1");
            JsonNode unknown = master.next();
            assertThat(unknown.get("messageType").asString()).isEqualTo("STATUS_RESPONSE");
            assertThat(unknown.get("statusResponse").get("correlationId").asString())
                    .isEqualTo("unknown-1");
            assertThat(unknown.get("statusResponse").get("errorType").asString())
                    .isEqualTo("ResourceNotFoundException");
            assertThat(unknown.get("statusResponse").get("description").asString())
                    .contains("nobody");

            master.send("SDP_ANSWER", "answer", null, "no-recipient");
            JsonNode noRecipient = master.next();
            assertThat(noRecipient.get("statusResponse").get("correlationId").asString())
                    .isEqualTo("no-recipient");
            assertThat(noRecipient.get("statusResponse").get("statusCode").asString())
                    .isEqualTo("400");

            viewer.send("{\"action\":\"SDP_BANANA\",\"messagePayload\":\"eA==\",\"correlationId\":\"bad-action\"}");
            JsonNode badAction = viewer.next();
            assertThat(badAction.get("statusResponse").get("correlationId").asString())
                    .isEqualTo("bad-action");
            assertThat(badAction.get("statusResponse").get("errorType").asString())
                    .isEqualTo("InvalidArgumentException");

            viewer.send(
                    "{\"action\":\"SDP_OFFER\",\"messagePayload\":\"not base64!\",\"correlationId\":\"bad-payload\"}");
            assertThat(viewer.next().get("statusResponse").get("correlationId").asString())
                    .isEqualTo("bad-payload");
            viewer.send("{\"action\":\"SDP_OFFER\",\"messagePayload\":\"" + "A".repeat(10_004)
                    + "\",\"correlationId\":\"too-long\"}");
            assertThat(viewer.next().get("statusResponse").get("correlationId").asString())
                    .isEqualTo("too-long");

            // as in AWS, without a correlationId a failure is not reported; garbage is dropped; nothing was relayed
            viewer.send("{\"action\":\"SDP_BANANA\",\"messagePayload\":\"eA==\"}");
            viewer.send("this is no JSON");
            assertThat(viewer.poll(Duration.ofMillis(300))).isNull();
            assertThat(master.poll(Duration.ofMillis(100))).isNull();

            // and the connection still relays
            viewer.send("SDP_OFFER", "still-works", null, null);
            assertThat(SignalingSocket.decoded(master.next())).isEqualTo("still-works");
        }
    }

    @Test
    void theHandshakeNeedsTheChannelArnAndTheSdksSignatureParameters() throws Exception {
        Channel channel = channel(60);
        URI signed = SignalingSocket.presign(channel.wss(), channel.arn(), "v", RELAY_ACCOUNT);
        String unsigned = channel.wss() + "?X-Amz-ChannelARN=" + channel.arn() + "&X-Amz-ClientId=v";
        assertThat(handshakeStatus(URI.create(unsigned))).isEqualTo(403);
        String missingArn = signed.toString().replaceAll("X-Amz-ChannelARN=[^&]+&?", "");
        assertThat(handshakeStatus(URI.create(missingArn))).isEqualTo(400);
        String otherChannel = channel.arn().replace("/" + channel.name() + "/", "/" + channel.name() + "x/");
        assertThat(handshakeStatus(SignalingSocket.presign(channel.wss(), otherChannel, "v", RELAY_ACCOUNT)))
                .isEqualTo(404);
        assertThat(handshakeStatus(SignalingSocket.presign(channel.wss(), channel.arn(), "bad id!", RELAY_ACCOUNT)))
                .isEqualTo(400);
    }

    @Test
    void deletingTheChannelSendsGoAwayAndDisconnectsItsPeers() throws Exception {
        Channel channel = channel(60);
        try (SignalingSocket master = channel.master()) {
            video.deleteSignalingChannel(r -> r.channelARN(channel.arn()));
            assertThat(master.next().get("messageType").asString()).isEqualTo("GO_AWAY");
            await().atMost(Duration.ofSeconds(5)).until(() -> master.closed.isDone());
        }
    }

    private int handshakeStatus(URI url) {
        assertThatThrownBy(() -> SignalingSocket.connect(url))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        try {
            SignalingSocket.connect(url);
            throw new AssertionError("connected");
        } catch (CompletionException e) {
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private Channel channel(int ttlSeconds) {
        String name = uniqueName("relay");
        String arn = video.createSignalingChannel(
                        r -> r.channelName(name).singleMasterConfiguration(c -> c.messageTtlSeconds(ttlSeconds)))
                .channelARN();
        String wss = video.getSignalingChannelEndpoint(r -> r.channelARN(arn)
                        .singleMasterChannelEndpointConfiguration(
                                c -> c.protocols(ChannelProtocol.WSS).role(ChannelRole.MASTER)))
                .resourceEndpointList()
                .get(0)
                .resourceEndpoint();
        return new Channel(name, arn, wss);
    }

    private record Channel(String name, String arn, String wss) {

        SignalingSocket master() {
            return SignalingSocket.connect(SignalingSocket.presign(wss, arn, null, RELAY_ACCOUNT));
        }

        SignalingSocket viewer(String clientId) {
            return SignalingSocket.connect(SignalingSocket.presign(wss, arn, clientId, RELAY_ACCOUNT));
        }
    }
}
