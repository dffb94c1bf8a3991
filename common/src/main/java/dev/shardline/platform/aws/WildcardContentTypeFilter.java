package dev.shardline.platform.aws;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request to the REST API whose Content-Type is a wildcard ({@code *}{@code /*}, {@code application/*}) gets a 415
 * problem: Spring MVC asserts that a body's type is concrete, and its IllegalArgumentException became a 500 (found by
 * the fuzzer, StructureAwareFuzzTest). An unparseable type is left to Spring, which answers it with a 415 already.
 */
class WildcardContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isWildcard(request.getContentType())) {
            EdgeErrors.Rendered rendered = EdgeErrors.render(
                    415,
                    request.getRequestURI(),
                    request.getContentType(),
                    "Content-Type '" + request.getContentType() + "' is a wildcard: a body has one concrete type");
            response.setStatus(rendered.status());
            rendered.headers().forEach(response::setHeader);
            response.setContentType(rendered.contentType());
            response.getOutputStream().write(rendered.body());
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWildcard(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
