package dev.shardline.analytics.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginManager;
import org.apache.flink.core.plugin.PluginUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink's file systems in this JVM, where the embedded MiniCluster writes checkpoints and snapshots and where
 * {@code latestCheckpoint} looks for them: {@code s3://} through Flink's own {@code flink-s3-fs-hadoop}, loaded as a
 * plugin (its JAR bundles Hadoop, the AWS SDK v1, Guava and Jackson without relocating them, so it must not join the
 * application's class path), and pointed at the object store Shardline uses.
 */
public final class FlinkFileSystems {

    private static final Logger log = LoggerFactory.getLogger(FlinkFileSystems.class);

    /**
     * The object store for {@code s3://} locations.
     *
     * @param endpoint an S3-compatible endpoint (the embedded one, MinIO); null for AWS S3 itself
     * @param region the signing region
     * @param accessKeyId static credentials; null leaves them to the plugin's default chain
     * @param secretAccessKey the secret of {@code accessKeyId}
     * @param pathStyleAccess {@code http://host/bucket/key}, as most S3-compatible stores need
     */
    public record ObjectStore(
            URI endpoint, String region, String accessKeyId, String secretAccessKey, boolean pathStyleAccess) {}

    private FlinkFileSystems() {}

    /** Flink's options for the S3 file system (read by both S3 plugins as {@code s3.*}). */
    static Configuration configuration(ObjectStore store) {
        Configuration configuration = new Configuration();
        if (store.endpoint() != null) {
            configuration.setString("s3.endpoint", store.endpoint().toString());
        }
        if (store.region() != null) {
            configuration.setString("s3.endpoint.region", store.region());
        }
        configuration.setString("s3.path.style.access", Boolean.toString(store.pathStyleAccess()));
        // Hadoop 3.3's S3A deletes the parent "directory" markers after every write, with a bulk delete per file; on
        // S3Proxy's filesystem backend those deletes failed and were retried for minutes (a stop with a snapshot
        // waited on them). Keeping the markers is Hadoop's own advice for stores that need no deletes.
        configuration.setString("s3.directory.marker.retention", "keep");
        if (store.accessKeyId() != null) {
            configuration.setString("s3.access-key", store.accessKeyId());
            configuration.setString("s3.secret-key", store.secretAccessKey());
        }
        return configuration;
    }

    /**
     * Initialises Flink's file systems for this JVM (a global of Flink's: the last call wins) with the plugins found in
     * {@code pluginsDirectory} (or Flink's {@code FLINK_PLUGINS_DIR}) and the object store's settings.
     */
    public static void initialize(Optional<Path> pluginsDirectory, ObjectStore store) {
        Configuration configuration = configuration(store);
        PluginManager plugins;
        if (pluginsDirectory.filter(Files::isDirectory).isPresent()) {
            try {
                plugins = new DefaultPluginManager(
                        new DirectoryBasedPluginFinder(pluginsDirectory.get()).findPlugins(),
                        CoreOptions.getPluginParentFirstLoaderPatterns(configuration));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read Flink plugins in " + pluginsDirectory.get(), e);
            }
        } else {
            plugins = PluginUtils.createPluginManagerFromRootFolder(configuration);
        }
        FileSystem.initialize(configuration, plugins);
        log.info(
                "Flink file systems: plugins from {}, s3:// against {}",
                pluginsDirectory
                        .map(Path::toString)
                        .orElse("FLINK_PLUGINS_DIR (" + System.getenv("FLINK_PLUGINS_DIR") + ")"),
                store.endpoint() == null ? "AWS S3" : store.endpoint());
    }
}
