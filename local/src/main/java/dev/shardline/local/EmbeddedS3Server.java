package dev.shardline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 API endpoint inside the all-in-one JVM: S3Proxy on the jclouds filesystem backend, keeping buckets and
 * objects as directories and files under its data directory. Firehose's S3 destinations write to it by default.
 */
final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final String HOST = "127.0.0.1";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-%s[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    /** A Firehose object name (ending in a version 3 UUID, maybe {@code .gz}), then the backend's random UUID. */
    static final Pattern INTERRUPTED_FIREHOSE_WRITE =
            Pattern.compile(".*-" + UUID.formatted("3") + "(\\.gz)?-" + UUID.formatted("4"));

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private EmbeddedS3Server(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Starts on {@code port} (0 picks a free one); requests are not authenticated, any signature is accepted. */
    static EmbeddedS3Server start(Path dataDir, int port) {
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
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://" + HOST + ":" + port))
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("Embedded S3 endpoint did not start on port " + port, e);
        }
        return new EmbeddedS3Server(proxy, context, endpoint(proxy.getPort()));
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
