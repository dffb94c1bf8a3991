package dev.shardline.platform.boot;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Keeps Tomcat's connection limit ({@code server.tomcat.max-connections}) below the process's file descriptor limit,
 * with room to spare: past it, accepting one more client would take the descriptor that Kafka's log, PostgreSQL's
 * connections or the S3 store (in the all-in-one runtime, the same process) needed next. Clients beyond the limit wait
 * in the accept queue instead.
 */
class EdgeConnections implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EdgeConnections.class);
    static final long RESERVED_DESCRIPTORS = 2048;

    private final long descriptorLimit;

    EdgeConnections() {
        this(descriptorLimit());
    }

    EdgeConnections(long descriptorLimit) {
        this.descriptorLimit = descriptorLimit;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(this::bound);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Boot has applied server.tomcat.max-connections
    }

    void bound(Connector connector) {
        if (descriptorLimit <= 0 || !(connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol)) {
            return;
        }
        int bound = (int) Math.max(descriptorLimit / 2, descriptorLimit - RESERVED_DESCRIPTORS);
        if (protocol.getMaxConnections() > bound) {
            log.warn(
                    "At most {} connections (server.tomcat.max-connections is {}): the file descriptor limit is {}; "
                            + "raise it (ulimit -n) to serve more clients at once",
                    bound,
                    protocol.getMaxConnections(),
                    descriptorLimit);
            protocol.setMaxConnections(bound);
        }
    }

    private static long descriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }
}
