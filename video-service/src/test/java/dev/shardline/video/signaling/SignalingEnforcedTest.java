package dev.shardline.video.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.platform.testing.TwoAccounts;
import dev.shardline.video.VideoIntegrationTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelProtocol;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelRole;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code shardline.security.mode=enforce}: the signaling WebSocket's handshake is verified as the KVS WebRTC SDKs
 * presign it (SigV4 in the query, service {@code kinesisvideo}), and the channel must be in the key's account.
 * (The same properties as VideoEnforcedAccountsTest, so the two share one Spring context.)
 */
@TestPropertySource(
        properties = {
            TwoAccounts.ENFORCE,
            TwoAccounts.ORDERS_0,
            TwoAccounts.ORDERS_1,
            TwoAccounts.ORDERS_2,
            TwoAccounts.BILLING_0,
            TwoAccounts.BILLING_1,
            TwoAccounts.BILLING_2,
            TwoAccounts.ACTUATOR
        })
class SignalingEnforcedTest extends VideoIntegrationTest {

    @Test
    void onlyAValidUnexpiredPresignedUrlOfTheChannelsAccountConnects() {
        String arn;
        String wss;
        try (KinesisVideoClient orders = KinesisVideoClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(TwoAccounts.orders())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            String name = uniqueName("enforced");
            arn = orders.createSignalingChannel(r -> r.channelName(name)).channelARN();
            wss = orders.getSignalingChannelEndpoint(r -> r.channelARN(arn)
                            .singleMasterChannelEndpointConfiguration(
                                    c -> c.protocols(ChannelProtocol.WSS).role(ChannelRole.MASTER)))
                    .resourceEndpointList()
                    .get(0)
                    .resourceEndpoint();
        }
        Clock now = Clock.systemUTC();

        try (SignalingSocket master = SignalingSocket.connect(
                        presign(wss, arn, TwoAccounts.ORDERS_KEY_ID, TwoAccounts.ORDERS_SECRET, now));
                SignalingSocket viewer = SignalingSocket.connect(SignalingSocket.presign(
                        wss,
                        arn,
                        "viewer-1",
                        TwoAccounts.ORDERS_KEY_ID,
                        TwoAccounts.ORDERS_SECRET,
                        "us-east-1",
                        now))) {
            assertThat(master.closed).isNotDone();
            assertThat(viewer.closed).isNotDone();
        }

        assertThat(handshakeStatus(presign(wss, arn, TwoAccounts.ORDERS_KEY_ID, "not-the-secret", now)))
                .as("wrong secret")
                .isEqualTo(403);
        Clock tenMinutesAgo = Clock.offset(now, Duration.ofMinutes(-10)); // the URL lives 299 s
        assertThat(handshakeStatus(
                        presign(wss, arn, TwoAccounts.ORDERS_KEY_ID, TwoAccounts.ORDERS_SECRET, tenMinutesAgo)))
                .as("expired")
                .isEqualTo(403);
        assertThat(handshakeStatus(presign(wss, arn, TwoAccounts.BILLING_KEY_ID, TwoAccounts.BILLING_SECRET, now)))
                .as("another account's key")
                .isEqualTo(403);
        assertThat(handshakeStatus(presign(wss, arn, "AKIDUNKNOWN", "whatever", now)))
                .as("unknown key")
                .isEqualTo(403);
    }

    @Test
    void theDemoPagesConnectionUrlIsSignedWithTheKeyThePageAuthenticatedWith() throws Exception {
        String name = uniqueName("page");
        assertThat(TwoAccounts.rest(
                                endpoint(),
                                "POST",
                                "/v1/signaling-channels",
                                TwoAccounts.ordersBasic(),
                                "{\"name\":\"" + name + "\"}")
                        .statusCode())
                .isEqualTo(201);
        String path = "/v1/signaling-channels/" + name + "/connection?role=MASTER";

        HttpResponse<String> connection = TwoAccounts.rest(endpoint(), "POST", path, TwoAccounts.ordersBasic(), null);
        assertThat(connection.statusCode()).isEqualTo(200);
        URI url = URI.create(
                JsonMapper.shared().readTree(connection.body()).get("url").asString());
        try (SignalingSocket master = SignalingSocket.connect(url)) {
            assertThat(master.closed).isNotDone();
        }
        assertThat(TwoAccounts.rest(endpoint(), "POST", path, TwoAccounts.billingBasic(), null)
                        .statusCode())
                .isEqualTo(404);
    }

    private static URI presign(String wss, String arn, String keyId, String secret, Clock clock) {
        return SignalingSocket.presign(wss, arn, null, keyId, secret, "us-east-1", clock);
    }

    private static int handshakeStatus(URI url) {
        try {
            SignalingSocket.connect(url).close();
            throw new AssertionError("connected with " + url);
        } catch (CompletionException e) {
            assertThat(e).hasCauseInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
