package dev.shardline.analytics.application;

import dev.shardline.analytics.engine.FlinkEngine;
import dev.shardline.analytics.engine.JobSpec;
import dev.shardline.platform.error.AwsErrorType;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** An application's configuration as the engine takes it, and the engine's check of it. */
@Component
class JobSpecs {

    private final ApplicationCode code;
    private final CodeBlobRepository blobs;
    private final AnalyticsDirectories directories;
    private final FlinkEngine engine;

    JobSpecs(
            ApplicationCode code,
            CodeBlobRepository blobs,
            AnalyticsDirectories directories,
            ObjectProvider<FlinkEngine> engines) {
        this.code = code;
        this.blobs = blobs;
        this.directories = directories;
        this.engine = RuntimeEngine.of(engines);
    }

    /**
     * Has the engine check the code and configuration that a Create or Update brings (CodeValidationException,
     * InvalidApplicationConfigurationException, ... with the engine's message). Applications without code yet pass.
     */
    void validate(UUID applicationId, ApplicationRef ref, ApplicationConfig config) {
        if (config.code() != null) {
            engine.validate(spec(applicationId, ref, config, Optional.empty(), false));
        }
    }

    /** The job of the application's current version, restoring from {@code restoreFrom} if present. */
    JobSpec of(Application app, Optional<String> restoreFrom) {
        return spec(app.id(), app.ref(), app.configuration(), restoreFrom, app.allowNonRestoredState());
    }

    /** Removes the local copies of an application's JARs (its rows go with it; these files would not). */
    void deleteLocalCode(UUID applicationId) {
        blobs.findIdsByApplication(applicationId).forEach(code::deleteJar);
    }

    String checkpointDirectory(Application app) {
        return directories.checkpointDirectory(app.id());
    }

    private JobSpec spec(
            UUID applicationId,
            ApplicationRef ref,
            ApplicationConfig config,
            Optional<String> restoreFrom,
            boolean allowNonRestoredState) {
        if (config.code() == null) {
            throw AwsErrorType.INVALID_APPLICATION_CONFIGURATION.exception("Application " + ref.name()
                    + " has no application code: set ApplicationCodeConfiguration with UpdateApplication first.");
        }
        ApplicationConfig.Checkpointing checkpointing = config.checkpointing();
        return new JobSpec(
                ref.name(),
                ref.accountId(),
                ref.region(),
                jobCode(config.code()),
                config.propertyGroupMap(),
                config.parallelism().parallelism(),
                new JobSpec.Checkpointing(
                        checkpointing.enabled(),
                        Duration.ofMillis(checkpointing.intervalMillis()),
                        Duration.ofMillis(checkpointing.minPauseMillis())),
                directories.checkpointDirectory(applicationId),
                restoreFrom,
                allowNonRestoredState);
    }

    private JobSpec.Code jobCode(ApplicationConfig.Code stored) {
        if (stored.isSql()) {
            return new JobSpec.Sql(stored.text());
        }
        UUID blobId = stored.blobId();
        return new JobSpec.Jar(code.jarFile(
                blobId,
                () -> blobs.findById(blobId)
                        .orElseThrow(() -> new IllegalStateException("Code " + blobId + " is missing"))
                        .content()));
    }
}
