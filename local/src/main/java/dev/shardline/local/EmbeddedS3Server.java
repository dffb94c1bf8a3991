package dev.shardline.local;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 API endpoint inside the all-in-one JVM: S3Proxy on the jclouds filesystem backend, keeping buckets and
 * objects as directories and files under its data directory. Firehose's S3 destinations write to it by default.
 *
 * <p>No request without a signature is served (403 AccessDenied, as S3 answers an anonymous request for a private
 * bucket). With {@link Access#keys} the signature (SigV4 or V2, in the header or a presigned URL) is verified with the
 * secret of its access key id; with {@link Access#anySignature} any signed request passes unverified, as the AWS
 * endpoint does in {@code accept-any} mode.
 */
final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final String HOST = "127.0.0.1";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-%s[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    /** A Firehose object name (ending in a version 3 UUID, maybe {@code .gz}), then the backend's random UUID. */
    static final Pattern INTERRUPTED_FIREHOSE_WRITE =
            Pattern.compile(".*-" + UUID.formatted("3") + "(\\.gz)?-" + UUID.formatted("4"));

    /**
     * Who may use the endpoint.
     *
     * @param secretOf the secret of an access key id, or empty for a key that is not known; null: any signature
     */
    record Access(Function<String, Optional<String>> secretOf) {

        /** Any signed request passes, whatever its key and signature; unsigned ones are refused. */
        static Access anySignature() {
            return new Access(null);
        }

        /** Only requests signed with one of these keys pass, their signature verified. */
        static Access keys(Function<String, Optional<String>> secretOf) {
            return new Access(secretOf);
        }

        boolean verifies() {
            return secretOf != null;
        }
    }

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private EmbeddedS3Server(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Starts on {@code port} (0 picks a free one), letting in the requests that {@code access} allows. */
    static EmbeddedS3Server start(Path dataDir, int port, Access access) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create S3 data directory " + dataDir, e);
        }
        removeInterruptedFirehoseWrites(dataDir);
        Properties properties = new Properties();
        properties.setProperty(
                "jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        BlobStoreContext context =
                ContextBuilder.newBuilder("filesystem").overrides(properties).buildView(BlobStoreContext.class);
        BlobStore blobStore = context.getBlobStore();
        S3Proxy.Builder builder =
                S3Proxy.builder().blobStore(blobStore).endpoint(URI.create("http://" + HOST + ":" + port));
        if (access.verifies()) {
            // S3Proxy takes one identity here; the locator below replaces it with every known key
            builder.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "unused", "unused");
        }
        S3Proxy proxy = builder.build();
        try {
            if (access.verifies()) {
                proxy.setBlobStoreLocator((identity, container, blob) -> access.secretOf()
                        .apply(identity)
                        .<Map.Entry<String, BlobStore>>map(secret -> Map.entry(secret, blobStore))
                        .orElse(null));
            } else {
                refuseUnsigned(proxy);
            }
            proxy.start();
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("Embedded S3 endpoint did not start on port " + port, e);
        }
        return new EmbeddedS3Server(proxy, context, endpoint(proxy.getPort()));
    }

    /**
     * Without authentication S3Proxy serves every request, signed or not, and has no setting to refuse the unsigned
     * ones; a servlet filter in front of it does. S3Proxy keeps its Jetty server to itself, so it is reached by
     * reflection (EmbeddedS3ServerTest fails if a new S3Proxy moves it).
     */
    private static void refuseUnsigned(S3Proxy proxy) throws ReflectiveOperationException {
        Field field = S3Proxy.class.getDeclaredField("server");
        field.setAccessible(true);
        Object server = field.get(proxy);
        Object servletContext = server.getClass().getMethod("getHandler").invoke(server);
        servletContext
                .getClass()
                .getMethod("addFilter", Filter.class, String.class, EnumSet.class)
                .invoke(servletContext, new RefuseUnsigned(), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    /** Answers a request with neither an Authorization header nor a presigned query as S3 does: 403 AccessDenied. */
    private static final class RefuseUnsigned implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            boolean signed = http.getHeader("Authorization") != null
                    || http.getParameter("X-Amz-Algorithm") != null
                    || http.getParameter("AWSAccessKeyId") != null;
            // a browser's CORS preflight is never signed, and reads nothing
            if (signed || "OPTIONS".equals(http.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            HttpServletResponse denied = (HttpServletResponse) response;
            denied.setStatus(HttpServletResponse.SC_FORBIDDEN);
            denied.setContentType("application/xml");
            denied.getWriter()
                    .write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                            + "<Message>Access Denied</Message></Error>");
        }
    }

    /**
     * The filesystem backend writes an object to {@code <key>-<random UUID>} and renames it to {@code <key>} when
     * complete, so a kill during a write leaves a partial file that lists as an object of its own. Firehose delivers
     * that batch again after the restart, onto {@code <key>}; its partial copies are removed here, before S3Proxy
     * serves them. Only Firehose's objects are recognised (their names end in a name-based UUID), so nobody else's
     * data is touched.
     */
    static void removeInterruptedFirehoseWrites(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (INTERRUPTED_FIREHOSE_WRITE
                        .matcher(file.getFileName().toString())
                        .matches()) {
                    log.info("Removing {}: a write that was interrupted and has been redelivered", file);
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean up the S3 data directory " + dataDir, e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** The endpoint of a server started on {@code port}. */
    static URI endpoint(int port) {
        return URI.create("http://" + HOST + ":" + port);
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
