package dev.shardline.gateway;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a request that came over HTTP/2 the Host header it has no room for: HTTP/2 carries the host as the
 * {@code :authority} pseudo-header, which Tomcat turns into the server name and port but not into a header. The edge
 * forwards the client's Host (SigV4 signs it), so without this an HTTP/2 client's request would reach the service with
 * an empty Host and fail verification.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuthorityAsHostFilter extends OncePerRequestFilter {

    private static final String HOST = "Host";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String host = request.getHeader(HOST);
        chain.doFilter(host == null || host.isEmpty() ? new WithHost(request, authority(request)) : request, response);
    }

    /** The authority as a client writes it: the port only where it is not the scheme's default. */
    static String authority(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = port <= 0
                || (port == 80 && "http".equals(request.getScheme()))
                || (port == 443 && "https".equals(request.getScheme()));
        return defaultPort ? request.getServerName() : request.getServerName() + ":" + port;
    }

    private static final class WithHost extends HttpServletRequestWrapper {
        private final String host;

        WithHost(HttpServletRequest request, String host) {
            super(request);
            this.host = host;
        }

        @Override
        public String getHeader(String name) {
            return HOST.equalsIgnoreCase(name) ? host : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HOST.equalsIgnoreCase(name) ? Collections.enumeration(Set.of(host)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
            names.removeIf(HOST::equalsIgnoreCase);
            names.add(HOST);
            return Collections.enumeration(names);
        }
    }
}
