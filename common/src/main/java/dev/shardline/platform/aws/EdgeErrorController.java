package dev.shardline.platform.aws;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring's error page ({@code /error}), which the container forwards failed requests to: rendered by {@link EdgeErrors}
 * in the shape of the face the request was meant for. Asked for directly, {@code /error} is a path like any other that
 * does not exist (404), not a 500 with status 999.
 */
@RestController
@Hidden // the container's error page, not an operation
class EdgeErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        EdgeErrors.Rendered rendered = status instanceof Integer code
                ? EdgeErrors.render(
                        code,
                        path == null ? null : path.toString(),
                        request.getContentType(),
                        message == null || message.toString().isBlank() ? null : message.toString())
                : EdgeErrors.render(404, request.getRequestURI(), request.getContentType(), null);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(rendered.status());
        rendered.headers().forEach(response::header);
        return response.header("Content-Type", rendered.contentType()).body(rendered.body());
    }
}
