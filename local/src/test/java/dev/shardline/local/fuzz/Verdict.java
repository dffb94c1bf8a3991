package dev.shardline.local.fuzz;

import java.net.http.HttpHeaders;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * What an answer must be, whatever was sent: no 5xx but the documented ServiceUnavailable and throttling answers,
 * and every 4xx in its API's own error shape (AWS's {@code __type} body in JSON or CBOR, the XML answers AWS gives
 * when it cannot tell the protocol, {@code x-amzn-ErrorType} on REST-JSON, problem+json on {@code /v1}).
 *
 * @param type the answer's error type ({@code 400 ValidationException}) or status alone, for the tally
 * @param problem why the answer breaks a rule, or null
 */
record Verdict(String type, String problem) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CBORMapper CBOR = CBORMapper.builder().build();
    private static final Set<String> UNAVAILABLE =
            Set.of("ServiceUnavailable", "ServiceUnavailableException", "ThrottlingException", "Service Unavailable");

    static Verdict of(FuzzCase request, int status, HttpHeaders headers, byte[] body, boolean streamed) {
        String contentType = headers.firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
        JsonNode parsed = streamed ? null : parse(contentType, body);
        String errorType = errorType(headers, parsed);
        String type = status + (errorType == null ? "" : " " + errorType);
        if (status >= 500) {
            boolean documented = status == 503 && errorType != null && UNAVAILABLE.contains(errorType);
            return new Verdict(type, documented ? null : "5xx");
        }
        if (status < 200 || (status >= 300 && status < 400)) {
            return new Verdict(type, "unexpected status");
        }
        if (status < 300) {
            boolean json = contentType.contains("json") || contentType.contains("cbor");
            if (!streamed && json && body.length > 0 && parsed == null) {
                return new Verdict(type, "2xx body that does not parse as its Content-Type");
            }
            return new Verdict(type, null);
        }
        if ("HEAD".equals(request.method())) {
            // no body to carry an error shape
            return new Verdict(type, null);
        }
        // a request line longer than Tomcat's 8 KiB header limit is refused while it is parsed, when the edge may not
        // know yet that it was meant for /v1: there either shape is the API's
        boolean overLong = request.path().length() >= 8 * 1024 - 256;
        boolean v1 = request.path().startsWith("/v1")
                && "openapi".equals(request.operation().protocol());
        if (overLong && contentType.startsWith("application/problem+json") && parsed != null) {
            return new Verdict(type, null);
        }
        if (v1 && !overLong) {
            boolean problem = contentType.startsWith("application/problem+json")
                    && parsed != null
                    && parsed.path("status").asInt() == status
                    && parsed.path("title").isString();
            return new Verdict(type, problem ? null : "4xx not in problem+json");
        }
        if (contentType.contains("xml")) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            boolean documented = (status == 403 && text.startsWith("<AccessDeniedException"))
                    || (status == 404 && text.startsWith("<UnknownOperationException"));
            return new Verdict(type, documented ? null : "4xx XML that AWS does not send");
        }
        if (parsed == null || !parsed.isObject()) {
            return new Verdict(type, "4xx without a JSON/CBOR error body");
        }
        boolean shaped = parsed.path("__type").isString()
                || (headers.firstValue("x-amzn-ErrorType").isPresent() && parsed.has("message"));
        return new Verdict(type, shaped ? null : "4xx without __type");
    }

    private static JsonNode parse(String contentType, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            if (contentType.contains("cbor")) {
                return CBOR.readTree(body);
            }
            if (contentType.contains("json")) {
                return JSON.readTree(body);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String errorType(HttpHeaders headers, JsonNode parsed) {
        if (parsed != null && parsed.isObject()) {
            if (parsed.path("__type").isString()) {
                String type = parsed.get("__type").asString();
                return type.substring(type.lastIndexOf('#') + 1);
            }
            if (parsed.path("title").isString()) {
                return parsed.get("title").asString();
            }
        }
        return headers.firstValue("x-amzn-ErrorType")
                .map(t -> t.split(":", 2)[0])
                .orElse(null);
    }
}
