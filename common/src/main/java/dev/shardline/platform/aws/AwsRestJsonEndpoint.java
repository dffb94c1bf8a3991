package dev.shardline.platform.aws;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The AWS REST-JSON face of every service that has one: maps each {@link AwsRestRoute} of each
 * {@link AwsRestJsonService} bean at its own method and path, decodes the JSON body, dispatches, and renders results
 * and catalogue errors ({@code x-amzn-ErrorType} and a JSON body with the message, at the service's status).
 *
 * <p>Where a REST-JSON model on the classpath ({@code aws-models/*.json}, {@code metadata.protocol} rest-json) has an
 * operation at a route's method and path, the body is checked against its input shape before the action runs, as
 * {@link AwsProtocolEndpoint} checks JSON 1.1 requests: AWS's wording, under the service's validation error type.
 */
public class AwsRestJsonEndpoint implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AwsRestJsonEndpoint.class);
    private static final ObjectMapper JSON = AwsWireFormat.JSON.mapper();

    private final List<AwsRestJsonService> services;
    private final RequestMappingHandlerMapping mappings;
    private final AwsProperties properties;
    private final WireAuthentication authentication;
    private final Map<String, Route> routes = new LinkedHashMap<>();

    AwsRestJsonEndpoint(
            List<AwsRestJsonService> services,
            RequestMappingHandlerMapping mappings,
            AwsProperties properties,
            WireAuthentication authentication) {
        this.services = services;
        this.mappings = mappings;
        this.properties = properties;
        this.authentication = authentication;
    }

    private record Route(
            AwsRestJsonService service,
            AwsRestRoute<?, ?> route,
            Optional<AwsServiceModel.Shape> input,
            String prefix,
            String signingName) {}

    @Override
    public void afterSingletonsInstantiated() {
        Method handle;
        try {
            handle = AwsRestJsonEndpoint.class.getMethod("handle", HttpServletRequest.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        List<AwsServiceModel> models = AwsServiceModel.restJsonOnClasspath();
        for (AwsRestJsonService service : services) {
            for (AwsRestRoute<?, ?> route : service.routes()) {
                String key = route.method() + " " + route.path();
                Optional<AwsServiceModel> model = models.stream()
                        .filter(m -> m.inputAt(route.method(), route.path()).isPresent())
                        .findFirst();
                Route mapped = new Route(
                        service,
                        route,
                        model.flatMap(m -> m.inputAt(route.method(), route.path())),
                        model.map(AwsServiceModel::structurePrefix).orElse(null),
                        model.map(AwsServiceModel::signingName).orElse(null));
                if (routes.putIfAbsent(key, mapped) != null) {
                    throw new IllegalStateException(key + " is mapped by two services");
                }
                mappings.registerMapping(
                        RequestMappingInfo.paths(route.path())
                                .methods(RequestMethod.valueOf(route.method()))
                                .build(),
                        this,
                        handle);
            }
        }
    }

    /** Whether the action at this method and path reads its body itself, as it arrives (PutMedia). */
    boolean streamsItsBody(String method, String path) {
        Route route = routes.get(method + " " + path);
        return route != null && route.route().readsRawRequest();
    }

    // @ResponseBody: this bean is no @RestController, and a streamed answer ends with an async dispatch whose empty
    // result must not be taken for a view name.
    @ResponseBody
    public Object handle(HttpServletRequest request) throws IOException {
        String requestId = UUID.randomUUID().toString();
        MDC.put("requestId", requestId);
        try {
            Route route = routes.get(request.getMethod() + " " + request.getRequestURI());
            if (route == null) {
                // Mapped, so only a path that differs in form (a trailing slash) gets here.
                return error(null, requestId, AwsErrorType.UNKNOWN_OPERATION.exception(null));
            }
            return dispatch(route, request, requestId);
        } finally {
            MDC.remove("requestId");
        }
    }

    private Object dispatch(Route route, HttpServletRequest request, String requestId) throws IOException {
        String action = route.route().method() + " " + route.route().path();
        try {
            byte[] body = null;
            if (!route.route().readsRawRequest()) {
                long maxBytes = properties.maxRequestSize().toBytes();
                body = AwsRequests.readAtMost(request.getInputStream(), maxBytes);
                if (body == null) {
                    return error(
                            route.service(),
                            requestId,
                            AwsErrorType.REQUEST_ENTITY_TOO_LARGE.exception(
                                    "Request body exceeds the maximum request size of " + maxBytes + " bytes"));
                }
            }
            AwsRequestContext context;
            try {
                context = authentication.authenticate(request, body, requestId, route.signingName());
            } catch (AwsException refused) {
                log.debug("{} refused the caller: {}", action, refused.getMessage());
                // REST-JSON services answer a refused caller with 403 (Kinesis Video Streams'
                // UnrecognizedClientException), where JSON 1.1 services answer 400
                return error(403, requestId, refused);
            }
            Object input = body == null ? new AwsRestRequest(authentication.streamed(request)) : decode(body, route);
            Object output = route.route().invoke(input, context);
            if (output instanceof AwsStreamingResponse streaming) {
                // A body written over time (PutMedia's acknowledgements while the media still arrives)
                return StreamingResponses.start(
                        streaming, AwsWireFormat.JSON, requestId, AwsRequests.REQUEST_ID_HEADER);
            }
            if (output instanceof ResponseEntity<?> own) {
                return ResponseEntity.status(own.getStatusCode())
                        .headers(own.getHeaders())
                        .header(AwsRequests.REQUEST_ID_HEADER, requestId)
                        .body(own.getBody());
            }
            return ResponseEntity.ok()
                    .header(AwsRequests.REQUEST_ID_HEADER, requestId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsBytes(output == null ? Map.of() : output));
        } catch (AwsException e) {
            log.debug("{} answered {}: {}", action, e.errorType().type(), e.getMessage());
            return error(route.service(), requestId, e);
        } catch (RuntimeException e) {
            log.error("{} failed", action, e);
            return error(route.service(), requestId, AwsErrorType.INTERNAL_FAILURE.exception(null));
        }
    }

    /**
     * An empty body is an empty request: REST-JSON actions whose members are all optional may send none. Where the
     * model knows the operation, the body is checked against it first (parsed once, bound from the checked tree).
     */
    private static Object decode(byte[] body, Route route) {
        Class<?> type = route.route().inputType();
        try {
            JsonNode tree = JSON.readTree(body.length == 0 ? "{}".getBytes() : body);
            if (tree == null || !tree.isObject()) {
                throw AwsErrorType.SERIALIZATION.exception(
                        tree != null && tree.isArray() ? "Start of list found where not expected" : null);
            }
            if (route.input().isPresent()) {
                try {
                    AwsInputCheck.check(tree, route.input().get(), route.prefix());
                } catch (AwsException e) {
                    AwsErrorType validation = route.service().validationErrorType();
                    throw e.errorType() == AwsErrorType.VALIDATION && validation != AwsErrorType.VALIDATION
                            ? validation.exception(e.getMessage())
                            : e;
                }
            }
            Object input = JSON.readerFor(type).readValue(tree);
            if (input == null) {
                throw AwsErrorType.SERIALIZATION.exception(null);
            }
            return input;
        } catch (JacksonException e) {
            throw AwsErrorType.SERIALIZATION.exception("Malformed request body");
        }
    }

    private static ResponseEntity<byte[]> error(AwsRestJsonService service, String requestId, AwsException e) {
        return error(service == null ? e.errorType().httpStatus() : service.httpStatus(e.errorType()), requestId, e);
    }

    private static ResponseEntity<byte[]> error(int status, String requestId, AwsException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", e.errorType().type());
        if (e.getMessage() != null) {
            body.put("Message", e.getMessage());
        }
        return ResponseEntity.status(status)
                .header(AwsRequests.REQUEST_ID_HEADER, requestId)
                .header("x-amzn-ErrorType", e.errorType().type())
                .contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsBytes(body));
    }
}
