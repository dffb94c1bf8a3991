package dev.shardline.platform.aws;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query string that cannot be decoded ({@code ?after=%ff}) is the client's error: a 400 in the face's own shape and a
 * debug line, instead of an exception thrown from deep inside request handling and logged as an ERROR with its stack.
 */
class MalformedQueryFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MalformedQueryFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            try {
                request.getParameterMap();
            } catch (IllegalStateException | IllegalArgumentException malformed) {
                log.debug("Malformed query string on {}: {}", request.getRequestURI(), malformed.getMessage());
                EdgeErrors.Rendered rendered = EdgeErrors.render(
                        400,
                        request.getRequestURI(),
                        request.getContentType(),
                        "The query string is not valid: it must be UTF-8, percent-encoded");
                response.setStatus(rendered.status());
                rendered.headers().forEach(response::setHeader);
                response.setContentType(rendered.contentType());
                response.getOutputStream().write(rendered.body());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
