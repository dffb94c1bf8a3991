package dev.shardline.analytics.application;

import dev.shardline.analytics.AnalyticsProperties;
import dev.shardline.analytics.engine.FlinkEngineProperties;
import dev.shardline.analytics.engine.FlinkFileSystems;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Points Flink's file systems in this JVM at the object store of {@code shardline.analytics.s3.*}, with the plugins of
 * {@code shardline.analytics.flink.plugins-directory}, before any job runs: an {@code s3://} checkpoint directory then
 * holds the applications' checkpoints and snapshots, and the recovery finds the latest one there.
 */
@Configuration(proxyBeanMethods = false)
class FlinkFileSystemsConfiguration {

    /** A marker whose creation did the (JVM-wide) initialisation. */
    record AnalyticsFlinkFileSystems(FlinkFileSystems.ObjectStore store) {}

    @Bean
    AnalyticsFlinkFileSystems analyticsFlinkFileSystems(AnalyticsProperties analytics, FlinkEngineProperties engine) {
        AnalyticsProperties.S3 s3 = analytics.s3();
        FlinkFileSystems.ObjectStore store = new FlinkFileSystems.ObjectStore(
                s3.endpoint(), s3.region(), s3.accessKeyId(), s3.secretAccessKey(), s3.pathStyleAccess());
        FlinkFileSystems.initialize(Optional.ofNullable(engine.pluginsDirectory()), store);
        return new AnalyticsFlinkFileSystems(store);
    }
}
