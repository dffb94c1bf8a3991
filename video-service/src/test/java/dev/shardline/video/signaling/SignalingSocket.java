package dev.shardline.video.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain Java WebSocket client of the signaling channel (java.net.http), connected by a URL SigV4-presigned as the
 * KVS SDKs presign it: what it receives waits in a queue for the test to take.
 */
final class SignalingSocket implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.shared();

    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** The presigned URL of {@code wssEndpoint} for the channel, as a viewer when {@code clientId} is set. */
    static URI presign(String wssEndpoint, String channelArn, String clientId, String account) {
        return presign(wssEndpoint, channelArn, clientId, account, "secret", "eu-west-1", Clock.systemUTC());
    }

    /** The same, signed with this key pair for {@code region} at the time of {@code clock}. */
    static URI presign(
            String wssEndpoint,
            String channelArn,
            String clientId,
            String accessKeyId,
            String secret,
            String region,
            Clock clock) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("http" + wssEndpoint.substring(2))) // ws:// -> http://, wss:// -> https://
                .putRawQueryParameter("X-Amz-ChannelARN", channelArn);
        if (clientId != null) {
            request.putRawQueryParameter("X-Amz-ClientId", clientId);
        }
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                        .request(request.build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kinesisvideo")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(299)))
                .request();
        String url = signed.getUri().toString();
        return URI.create("ws" + url.substring(url.indexOf(':')));
    }

    static SignalingSocket connect(URI url) {
        SignalingSocket client = new SignalingSocket();
        client.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(url, client)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return client;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** A client message as AWS defines it; {@code recipient} and {@code correlationId} may be null. */
    void send(String action, String payload, String recipient, String correlationId) {
        var message = JSON.createObjectNode().put("action", action).put("messagePayload", base64(payload));
        if (recipient != null) {
            message.put("recipientClientId", recipient);
        }
        if (correlationId != null) {
            message.put("correlationId", correlationId);
        }
        send(message.toString());
    }

    JsonNode next() throws InterruptedException {
        JsonNode message = received.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a message within 10 s").isNotNull();
        return message;
    }

    /** Nothing arrives for {@code wait}: for asserting that a message was not relayed. */
    JsonNode poll(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decoded(JsonNode message) {
        return new String(
                Base64.getDecoder().decode(message.get("messagePayload").asString()), StandardCharsets.UTF_8);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join();
        }
        // a clean close: the server has let the peer go once its close frame comes back
        closed.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> -1).join();
        socket.abort();
    }
}
