package dev.shardline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API endpoint inside the all-in-one JVM: S3Proxy on the jclouds filesystem backend, keeping buckets and
 * objects as directories and files under its data directory. Firehose's S3 destinations write to it by default.
 */
final class EmbeddedS3Server implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

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
        return new EmbeddedS3Server(proxy, context, URI.create("http://" + HOST + ":" + proxy.getPort()));
    }

    URI endpoint() {
        return endpoint;
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
