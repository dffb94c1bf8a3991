package dev.shardline.video.signaling.web;

import dev.shardline.platform.auth.CredentialStore;
import dev.shardline.platform.auth.SecurityProperties;
import java.net.URI;
import java.time.Duration;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Presigns a signaling WebSocket URL with SigV4 in its query, as the KVS WebRTC SDKs do before they connect, for the
 * demo pages (a browser page holds no AWS credentials): with the key pair the page's REST call was authenticated with
 * in {@code enforce} mode, so that the handshake verifies; with any secret in {@code accept-any} mode. The WebSocket's
 * scheme is not signed, so the URL is signed as {@code https}/{@code http} and handed out as {@code wss}/{@code ws}.
 */
@Component
class SignalingUrlSigner {

    static final Duration EXPIRES = Duration.ofSeconds(299); // what the KVS JavaScript SDK asks for

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private final CredentialStore credentials;

    SignalingUrlSigner(CredentialStore credentials) {
        this.credentials = credentials;
    }

    /** Signed with the secret configured for {@code accessKeyId}, or any secret for a key that is not configured. */
    String presign(String websocketEndpoint, String channelArn, String clientId, String accessKeyId, String region) {
        String secretAccessKey = credentials
                .find(accessKeyId)
                .map(SecurityProperties.Credential::secretAccessKey)
                .orElse("shardline");
        URI endpoint = URI.create(websocketEndpoint);
        boolean secure = "wss".equals(endpoint.getScheme());
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create((secure ? "https" : "http")
                        + websocketEndpoint.substring(endpoint.getScheme().length())))
                .putRawQueryParameter("X-Amz-ChannelARN", channelArn);
        if (clientId != null) {
            request.putRawQueryParameter("X-Amz-ClientId", clientId);
        }
        SdkHttpRequest signed = signer.sign(r -> r.identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                        .request(request.build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kinesisvideo")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, EXPIRES))
                .request();
        String url = signed.getUri().toString();
        return (secure ? "wss" : "ws") + url.substring(url.indexOf(':'));
    }
}
