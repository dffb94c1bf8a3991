package dev.shardline.platform.aws;

import dev.shardline.platform.error.AwsErrorType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that no endpoint answered itself (an unknown path, a body that stopped arriving, a malformed request line or
 * header, an unsupported transfer coding), rendered in the shape of the face the request was meant for: problem details
 * for the REST API ({@code /v1}, {@code /actuator}), AWS's {@code __type}/{@code message} with {@code x-amzn-ErrorType}
 * everywhere else, in the request's JSON or CBOR. Never a container's HTML page.
 */
final class EdgeErrors {

    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> AWS_PATHS_UNDER_V1 =
            List.of("/v1/get-ice-server-config", "/v1/send-alexa-offer-to-master");

    private EdgeErrors() {}

    /** A rendered error: status, headers and body. */
    record Rendered(int status, Map<String, String> headers, String contentType, byte[] body) {}

    static Rendered render(int status, String path, String contentType, String detail) {
        if (path != null && isRestApi(path)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", reason(status));
            body.put("status", status);
            body.put("detail", detail == null ? reason(status) : detail);
            body.put("instance", path);
            return new Rendered(
                    status, Map.of(), MediaType.APPLICATION_PROBLEM_JSON_VALUE, JSON.writeValueAsBytes(body));
        }
        AwsErrorType type = typeOf(status);
        AwsWireFormat wire = AwsWireFormat.forContentType(contentType).orElse(AwsWireFormat.JSON);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", type.type());
        body.put("message", detail == null ? reason(status) : detail);
        return new Rendered(
                status,
                Map.of(
                        "x-amzn-ErrorType",
                        type.type(),
                        REQUEST_ID_HEADER,
                        UUID.randomUUID().toString()),
                wire.contentType(),
                wire.mapper().writeValueAsBytes(body));
    }

    /**
     * Whether the path is the REST API's or the actuator's. Kinesis Video Signaling's data plane is AWS's REST-JSON
     * under {@code /v1} too ({@code /v1/get-ice-server-config}, {@code /v1/send-alexa-offer-to-master}): a request
     * meant for it (a trailing slash, a longer path) is answered in AWS's shape.
     */
    private static boolean isRestApi(String path) {
        if (AWS_PATHS_UNDER_V1.stream().anyMatch(path::startsWith)) {
            return false;
        }
        return path.startsWith("/v1/") || path.equals("/v1") || path.startsWith("/actuator");
    }

    private static AwsErrorType typeOf(int status) {
        return switch (status) {
            case 404, 405 -> AwsErrorType.UNKNOWN_OPERATION;
            case 408 -> AwsErrorType.REQUEST_TIMEOUT;
            case 413 -> AwsErrorType.REQUEST_ENTITY_TOO_LARGE;
            case 501 -> AwsErrorType.NOT_IMPLEMENTED;
            case 503 -> AwsErrorType.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? AwsErrorType.INTERNAL_FAILURE : AwsErrorType.SERIALIZATION;
        };
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
