package dev.shardline.analytics.application;

import java.util.Map;
import java.util.function.UnaryOperator;

/** What the calls that create or change an application bring, already read from the wire. */
public final class ApplicationCommands {

    private ApplicationCommands() {}

    /**
     * CreateApplication.
     *
     * @param config the configuration without its code (AWS's defaults where absent)
     * @param code the ApplicationCodeConfiguration, or null for none yet
     */
    public record Create(
            ApplicationRef ref,
            String description,
            String runtimeEnvironment,
            String serviceExecutionRole,
            String applicationMode,
            ApplicationConfig config,
            CodeInput code,
            Map<String, String> tags) {}

    /**
     * UpdateApplication.
     *
     * @param change the configuration changes other than code, applied to the current configuration
     * @param code the code change: null members keep what the application has (an S3 location is merged member by
     *     member); null for no change of code
     * @param restore RunConfigurationUpdate's ApplicationRestoreType, or null
     * @param allowNonRestoredState RunConfigurationUpdate's AllowNonRestoredState, or null
     */
    public record Update(
            ApplicationRef ref,
            Long currentVersionId,
            String conditionalToken,
            String serviceExecutionRole,
            String runtimeEnvironment,
            UnaryOperator<ApplicationConfig> change,
            CodeInput code,
            RestoreType restore,
            String snapshotName,
            Boolean allowNonRestoredState) {}

    /** StartApplication's RunConfiguration; null members keep what the application has. */
    public record Start(ApplicationRef ref, RestoreType restore, String snapshotName, Boolean allowNonRestoredState) {}
}
