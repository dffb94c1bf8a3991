package dev.shardline.platform.aws;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /} with {@code X-Amz-Target}: the AWS JSON 1.1 / CBOR 1.1 face of every service. Decodes the request
 * in the format the client sent, dispatches to the action, and renders results and catalogue errors in that format.
 */
@RestController
@Hidden // the AWS protocol, documented by AWS; the OpenAPI document links it
public class AwsProtocolEndpoint {

    private static final Logger log = LoggerFactory.getLogger(AwsProtocolEndpoint.class);
    private static final String REQUEST_ID_HEADER = AwsRequests.REQUEST_ID_HEADER;
    private static final String CONSOLE = "/console";

    private final Map<String, Map<String, AwsAction<?, ?>>> actionsByPrefix = new HashMap<>();
    private final Map<String, AwsServiceModel> models;
    private final AwsProperties properties;
    private final WireAuthentication authentication;

    AwsProtocolEndpoint(List<AwsJsonService> services, AwsProperties properties, WireAuthentication authentication) {
        this.properties = properties;
        this.authentication = authentication;
        this.models = AwsServiceModel.onClasspath();
        for (AwsJsonService service : services) {
            Map<String, AwsAction<?, ?>> actions = new HashMap<>();
            service.actions().forEach(action -> actions.put(action.name(), action));
            actionsByPrefix.put(service.targetPrefix(), Map.copyOf(actions));
        }
    }

    // Object, not ResponseEntity<byte[]>: Spring MVC then picks the return value handler by the value, so an action
    // that answers with an AwsStreamingResponse can be streamed while all others are written at once.
    @RequestMapping("/")
    public Object handle(HttpServletRequest request) throws IOException {
        String requestId = UUID.randomUUID().toString();
        MDC.put("requestId", requestId);
        try {
            return dispatch(request, requestId);
        } finally {
            MDC.remove("requestId");
        }
    }

    private Object dispatch(HttpServletRequest request, String requestId) throws IOException {
        Optional<AwsAction<?, ?>> action = resolve(request.getHeader("X-Amz-Target"));
        if (isBrowser(request)) {
            return ResponseEntity.status(302).header("Location", CONSOLE).build();
        }
        if (!"POST".equals(request.getMethod())) {
            return xml(
                    requestId,
                    403,
                    "AccessDeniedException",
                    "Unable to determine service/operation name to be authorized");
        }
        long maxBytes = properties.maxRequestSize().toBytes();
        byte[] body = request.getContentLengthLong() > maxBytes
                ? null
                : AwsRequests.readAtMost(request.getInputStream(), maxBytes);
        if (body == null) {
            return error(
                    AwsWireFormat.forContentType(request.getContentType()).orElse(AwsWireFormat.JSON),
                    requestId,
                    AwsErrorType.REQUEST_ENTITY_TOO_LARGE.exception(
                            "Request body exceeds the maximum request size of " + maxBytes + " bytes"));
        }
        Optional<AwsWireFormat> format = AwsWireFormat.forContentType(request.getContentType());
        if (format.isEmpty()) {
            return request.getHeader("X-Amz-Target") == null
                    ? xml(
                            requestId,
                            403,
                            "AccessDeniedException",
                            "Unable to determine service/operation name to be authorized")
                    : xml(requestId, 404, "UnknownOperationException", null);
        }
        AwsWireFormat wire = format.get();
        String contentType = wire.answerContentType(request.getContentType());
        if (action.isEmpty()) {
            return error(wire, contentType, requestId, AwsErrorType.UNKNOWN_OPERATION.exception(null));
        }
        try {
            AwsRequestContext context = authentication.authenticate(
                    request,
                    body,
                    requestId,
                    model(request.getHeader("X-Amz-Target"))
                            .map(AwsServiceModel::signingName)
                            .orElse(null));
            Object input = decode(wire, body, action.get(), model(request.getHeader("X-Amz-Target")));
            Object output = action.get().invoke(input, context);
            if (output instanceof AwsStreamingResponse streaming) {
                return StreamingResponses.start(streaming, wire, requestId, REQUEST_ID_HEADER);
            }
            byte[] encoded = wire.mapper().writeValueAsBytes(output == null ? Map.of() : output);
            return ResponseEntity.ok()
                    .header(REQUEST_ID_HEADER, requestId)
                    .contentType(MediaType.parseMediaType(contentType))
                    .body(encoded);
        } catch (AwsException e) {
            log.debug("{} answered {}: {}", action.get().name(), e.errorType().type(), e.getMessage());
            return error(wire, contentType, requestId, e);
        } catch (RuntimeException e) {
            log.error("{} failed", action.get().name(), e);
            return error(wire, contentType, requestId, AwsErrorType.INTERNAL_FAILURE.exception(null));
        }
    }

    /**
     * A person's browser at the edge address: a GET that accepts HTML, with no AWS target and no signature. It lands on
     * the web console; AWS clients (which never ask for HTML) keep AWS's answers. HTTP Basic is the console's own
     * credential in {@code enforce} mode, which a browser repeats on every request once asked for it.
     */
    static boolean isBrowser(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod())
                && accept != null
                && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html")
                && request.getHeader("X-Amz-Target") == null
                && request.getParameter("X-Amz-Algorithm") == null
                && (request.getHeader("Authorization") == null
                        || request.getHeader("Authorization").regionMatches(true, 0, "Basic ", 0, 6));
    }

    private Optional<AwsAction<?, ?>> resolve(String target) {
        if (target == null) {
            return Optional.empty();
        }
        int dot = target.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        Map<String, AwsAction<?, ?>> actions = actionsByPrefix.get(target.substring(0, dot));
        return actions == null ? Optional.empty() : Optional.ofNullable(actions.get(target.substring(dot + 1)));
    }

    private Optional<AwsServiceModel> model(String target) {
        return Optional.ofNullable(models.get(target.substring(0, target.indexOf('.'))));
    }

    /**
     * The request as the action's input record. Where the service's model is known, the body is first checked
     * against the operation's input shape (AWS's serialization and validation answers, whatever the action).
     */
    private static Object decode(
            AwsWireFormat wire, byte[] body, AwsAction<?, ?> action, Optional<AwsServiceModel> model) {
        if (body.length == 0) {
            throw AwsErrorType.SERIALIZATION.exception(null);
        }
        try {
            Optional<AwsServiceModel.Shape> shape = model.flatMap(m -> m.input(action.name()));
            Object input;
            if (shape.isPresent()) {
                // parsed once: checked as a tree, then bound from that tree (a PutRecords body can be megabytes)
                JsonNode tree = wire.mapper().readTree(body);
                if (tree == null || !tree.isObject()) {
                    throw AwsErrorType.SERIALIZATION.exception(
                            tree != null && tree.isArray() ? "Start of list found where not expected" : null);
                }
                AwsInputCheck.check(tree, shape.get(), model.get().structurePrefix());
                input = wire.mapper()
                        .readerFor(action.inputType())
                        .withAttribute(AwsTimestamps.FROM_CBOR, wire == AwsWireFormat.CBOR)
                        .readValue(tree);
            } else {
                input = wire.mapper().readValue(body, action.inputType());
            }
            if (input == null) {
                throw AwsErrorType.SERIALIZATION.exception(null);
            }
            return input;
        } catch (JacksonException e) {
            throw AwsErrorType.SERIALIZATION.exception(serializationMessage(e));
        }
    }

    private static String serializationMessage(JacksonException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> a + "." + b)
                .orElse(null);
        return path == null ? "Malformed request body" : "Unexpected value or type for member " + path;
    }

    private static ResponseEntity<byte[]> error(AwsWireFormat wire, String requestId, AwsException e) {
        return error(wire, wire.contentType(), requestId, e);
    }

    private static ResponseEntity<byte[]> error(
            AwsWireFormat wire, String contentType, String requestId, AwsException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", e.errorType().type());
        if (e.getMessage() != null) {
            // AWS's serialization layer writes "Message", the services "message"; the SDKs read either. A message that
            // repeats a CBOR client's value may hold an unpaired surrogate, which the CBOR encoder refuses to write:
            // the UTF-8 round trip replaces it, so the answer is a 400, not a 500 (found by StructureAwareFuzzTest).
            String message = new String(e.getMessage().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            body.put(e.errorType() == AwsErrorType.SERIALIZATION ? "Message" : "message", message);
        }
        body.putAll(e.members());
        return ResponseEntity.status(e.errorType().httpStatus())
                .header(REQUEST_ID_HEADER, requestId)
                .header("x-amzn-ErrorType", e.errorType().type())
                .contentType(MediaType.parseMediaType(contentType))
                .body(wire.mapper().writeValueAsBytes(body));
    }

    private static ResponseEntity<byte[]> xml(String requestId, int status, String type, String message) {
        String body = message == null
                ? "<" + type + "/>\n"
                : "<" + type + ">\n  <Message>" + message + "</Message>\n</" + type + ">\n";
        return ResponseEntity.status(status)
                .header(REQUEST_ID_HEADER, requestId)
                .contentType(MediaType.APPLICATION_XML)
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
