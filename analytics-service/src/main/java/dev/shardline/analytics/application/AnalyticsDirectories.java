package dev.shardline.analytics.application;

import dev.shardline.analytics.AnalyticsProperties;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Where applications' checkpoints and JAR files live on this machine, under {@code shardline.data-dir} by default. */
@Component
class AnalyticsDirectories {

    /** Local checkpoints; null when they go to an object store. */
    private final Path checkpoints;

    /** An {@code s3://bucket/prefix/} (or other Flink file system) location, ending in a slash; null for local ones. */
    private final String remoteCheckpoints;

    private final Path code;

    AnalyticsDirectories(AnalyticsProperties properties, Environment environment) {
        Path dataDir = Path.of(environment.getProperty("shardline.data-dir", "./data"));
        String configured = properties.checkpointDirectory();
        boolean remote = configured != null && configured.contains("://") && !configured.startsWith("file:");
        this.remoteCheckpoints = remote ? (configured.endsWith("/") ? configured : configured + "/") : null;
        this.checkpoints = remote
                ? null
                : (configured == null
                                ? dataDir.resolve("analytics").resolve("checkpoints")
                                : configured.startsWith("file:")
                                        ? Path.of(URI.create(configured))
                                        : Path.of(configured))
                        .toAbsolutePath()
                        .normalize();
        this.code = (properties.codeDirectory() == null
                        ? dataDir.resolve("analytics").resolve("code")
                        : Path.of(properties.codeDirectory()))
                .toAbsolutePath()
                .normalize();
    }

    /** The application's own checkpoint directory, as the {@code file:} URI the engine is given. */
    String checkpointDirectory(UUID applicationId) {
        return remoteCheckpoints != null
                ? remoteCheckpoints + applicationId
                : checkpoints.resolve(applicationId.toString()).toUri().toString();
    }

    Path jarFile(UUID blobId) {
        return code.resolve(blobId + ".jar");
    }
}
