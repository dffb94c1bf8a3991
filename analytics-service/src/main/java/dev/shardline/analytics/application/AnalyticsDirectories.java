package dev.shardline.analytics.application;

import dev.shardline.analytics.AnalyticsProperties;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Where applications' checkpoints and JAR files live on this machine, under {@code shardline.data-dir} by default. */
@Component
class AnalyticsDirectories {

    private final Path checkpoints;
    private final Path code;

    AnalyticsDirectories(AnalyticsProperties properties, Environment environment) {
        Path dataDir = Path.of(environment.getProperty("shardline.data-dir", "./data"));
        this.checkpoints = (properties.checkpointDirectory() == null
                        ? dataDir.resolve("analytics").resolve("checkpoints")
                        : Path.of(properties.checkpointDirectory()))
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
        return checkpoints.resolve(applicationId.toString()).toUri().toString();
    }

    Path jarFile(UUID blobId) {
        return code.resolve(blobId + ".jar");
    }
}
