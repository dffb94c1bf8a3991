package dev.shardline.platform.boot;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.coyote.http2.Http2AsyncUpgradeHandler;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * HTTP/2 (h2c and h2) on Tomcat, with a GOAWAY from the client read as RFC 9113 §6.8 says: the client opens no more
 * streams, and the streams it has open still get their responses.
 *
 * <p>Tomcat closes the connection the moment a GOAWAY arrives, cancelling every stream in flight. The AWS SDK for
 * JavaScript v3 sends GOAWAY on every Kinesis call: it opens one session per request and closes it as soon as the
 * response headers are in, before it has read the body; so a response whose DATA frame was not yet written arrived
 * as headers with an empty body or a STREAM_CLOSED error. Here a GOAWAY without an error ends nothing at once: the
 * client closes the socket once its streams are done, and the keep-alive timeout closes it if the client does not.
 * A GOAWAY that reports an error still closes the connection at once.
 *
 * <p>On a TLS connection, HTTP/2 starts by ALPN ({@code h2}) or by prior knowledge, as the AWS SDK for Java v2's
 * async clients start it (see {@link Protocol#getHttpUpgradeName}).
 *
 * <p>Takes the place of Spring Boot's own {@code Http2Protocol} whenever {@code server.http2.enabled} is true.
 */
class GracefulHttp2 implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(GracefulHttp2.class);

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (factory.getHttp2() == null || !factory.getHttp2().isEnabled()) {
            return;
        }
        factory.setHttp2(new Http2()); // disabled: Boot would add Tomcat's own protocol beside ours
        factory.addConnectorCustomizers(GracefulHttp2::addProtocol);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Boot has applied server.http2.enabled to the factory
    }

    private static void addProtocol(Connector connector) {
        Protocol protocol = new Protocol();
        if (connector.getProtocolHandler() instanceof AbstractProtocol<?> http11) {
            protocol.setKeepAliveTimeout(http11.getKeepAliveTimeout()); // as Boot sets it on its own protocol
        }
        connector.addUpgradeProtocol(protocol);
    }

    static final class Protocol extends Http2Protocol {

        /**
         * HTTP/2 by prior knowledge over TLS too, not only by ALPN: the AWS SDK for Java v2's Netty client (the async
         * clients, the KCL) starts HTTP/2 on a TLS connection without ALPN unless told to negotiate, as AWS accepts it.
         * Tomcat hands a connection that opens with the HTTP/2 preface to the protocol named {@code h2c}, which
         * Tomcat's own protocol is only on cleartext connections.
         */
        @Override
        public String getHttpUpgradeName(boolean isSSLEnabled) {
            return "h2c";
        }

        /** No HTTP/1.1 {@code Upgrade: h2c} on a TLS connection (RFC 9113 §3.1); ALPN or prior knowledge there. */
        @Override
        public boolean accept(Request request) {
            return (getHttp11Protocol() == null || !getHttp11Protocol().isSSLEnabled()) && super.accept(request);
        }

        @Override
        public InternalHttpUpgradeHandler getInternalUpgradeHandler(
                SocketWrapperBase<?> socketWrapper, Adapter adapter, Request coyoteRequest) {
            // Tomcat's NIO connector uses async IO unless told otherwise; the blocking handler keeps Tomcat's manners
            return socketWrapper.hasAsyncIO()
                    ? new Handler(this, adapter, coyoteRequest, socketWrapper)
                    : super.getInternalUpgradeHandler(socketWrapper, adapter, coyoteRequest);
        }
    }

    private static final class Handler extends Http2AsyncUpgradeHandler {

        private static final long NO_ERROR = 0;

        Handler(Http2Protocol protocol, Adapter adapter, Request request, SocketWrapperBase<?> socket) {
            super(protocol, adapter, request, socket);
        }

        @Override
        public void goaway(int lastStreamId, long errorCode, String debugData) {
            if (errorCode != NO_ERROR) {
                super.goaway(lastStreamId, errorCode, debugData);
            } else {
                log.trace("Client sent GOAWAY: its open streams finish before the connection closes");
            }
        }
    }
}
