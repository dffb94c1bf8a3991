package dev.shardline.video.signaling.web;

import dev.shardline.platform.auth.SecurityMode;
import dev.shardline.platform.auth.SecurityProperties;
import dev.shardline.platform.auth.SigV4Verifier;
import dev.shardline.platform.aws.WireAuthentication;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.video.signaling.ChannelSelector;
import dev.shardline.video.signaling.ChannelView;
import dev.shardline.video.signaling.SignalingChannelArn;
import dev.shardline.video.signaling.SignalingChannelService;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * ConnectAsMaster and ConnectAsViewer: the upgrade request names its channel by {@code X-Amz-ChannelARN} and, for a
 * viewer, itself by {@code X-Amz-ClientId}, and carries a SigV4 query signature as the KVS SDKs presign it (the
 * payload hash is the empty body's). In {@code enforce} mode the signature is verified with the key's secret and the
 * channel must be in the key's account; a refusal is a 403 before the upgrade. In {@code accept-any} mode the
 * signature's parameters must be there, as on the rest of the edge.
 */
@Component
class SignalingHandshake implements HandshakeInterceptor {

    static final String CHANNEL = "channel";
    static final String CLIENT_ID = "clientId";

    /** What every SDK's presigned URL carries (X-Amz-Security-Token only with temporary credentials). */
    private static final List<String> SIGV4_PARAMETERS = List.of(
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Date",
            "X-Amz-Expires",
            "X-Amz-SignedHeaders",
            "X-Amz-Signature");

    private static final Pattern CLIENT_ID_FORMAT = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");

    private static final byte[] NO_BODY = new byte[0];
    private static final String SIGNING_NAME = "kinesisvideo";

    private final SignalingChannelService channels;
    private final SecurityMode mode;
    private final SigV4Verifier verifier;

    SignalingHandshake(SignalingChannelService channels, SecurityProperties security, SigV4Verifier verifier) {
        this.channels = channels;
        this.mode = security.mode();
        this.verifier = verifier;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
        for (String parameter : SIGV4_PARAMETERS) {
            if (servlet.getParameter(parameter) == null) {
                return refuse(response, HttpStatus.FORBIDDEN, "Missing Authentication Token: no " + parameter);
            }
        }
        String signer = null;
        if (mode == SecurityMode.ENFORCE) {
            try {
                SigV4Verifier.Caller caller = verifier.verify(WireAuthentication.signedRequest(servlet, NO_BODY));
                if (!caller.service().equals(SIGNING_NAME)) {
                    return refuse(
                            response,
                            HttpStatus.FORBIDDEN,
                            "Credential should be scoped to correct service: '" + SIGNING_NAME + "'. ");
                }
                signer = caller.accountId();
            } catch (AwsException e) {
                return refuse(response, HttpStatus.FORBIDDEN, e.getMessage());
            }
        }
        String arn = servlet.getParameter("X-Amz-ChannelARN");
        if (arn == null) {
            return refuse(response, HttpStatus.BAD_REQUEST, "X-Amz-ChannelARN is required");
        }
        String clientId = servlet.getParameter("X-Amz-ClientId");
        if (clientId != null && !CLIENT_ID_FORMAT.matcher(clientId).matches()) {
            return refuse(
                    response,
                    HttpStatus.BAD_REQUEST,
                    "X-Amz-ClientId must match [a-zA-Z0-9_.-]+ (1 to 256 characters)");
        }
        try {
            SignalingChannelArn channelArn = SignalingChannelArn.parse(arn);
            if (signer != null && !signer.equals(channelArn.accountId())) {
                return refuse(
                        response,
                        HttpStatus.FORBIDDEN,
                        "The channel " + arn + " is not in the account of the" + " access key that signed the request");
            }
            ChannelView channel = channels.describe(ChannelSelector.of(channelArn));
            attributes.put(CHANNEL, channel);
            if (clientId != null) {
                attributes.put(CLIENT_ID, clientId);
            }
            return true;
        } catch (AwsException e) {
            HttpStatus status =
                    e.errorType() == AwsErrorType.RESOURCE_NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
            return refuse(response, status, e.getMessage());
        }
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {}

    private static boolean refuse(ServerHttpResponse response, HttpStatus status, String message) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        try {
            response.getBody()
                    .write(JsonMapper.shared()
                            .writeValueAsString(Map.of("message", message))
                            .getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // the caller hung up: the status alone is the answer
        }
        return false;
    }
}
