package dev.shardline.analytics.application;

import dev.shardline.analytics.AnalyticsProperties;
import dev.shardline.analytics.engine.FlinkEngine;
import dev.shardline.analytics.engine.JobId;
import dev.shardline.platform.lifecycle.BackgroundSteps;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Asks the engine for the metrics of each running application's job at the reconcile interval and shows them as
 * {@link ApplicationMeters} (in {@code /actuator/prometheus}); an application that stops loses its gauges.
 */
@Component
class ApplicationMetrics {

    private static final Logger log = LoggerFactory.getLogger(ApplicationMetrics.class);

    private final ApplicationRepository applications;
    private final FlinkEngine engine;
    private final ApplicationMeters meters;
    private final AnalyticsProperties properties;
    private final BackgroundSteps refresher =
            new BackgroundSteps("analytics-metrics", java.time.Duration.ofSeconds(5), log);

    ApplicationMetrics(
            ApplicationRepository applications,
            ObjectProvider<FlinkEngine> engines,
            MeterRegistry registry,
            AnalyticsProperties properties) {
        this.applications = applications;
        this.engine = RuntimeEngine.of(engines);
        this.meters = new ApplicationMeters(registry);
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startRefreshing() {
        refresher.schedule(this::refreshAndRepeat, properties.reconcileInterval());
    }

    private void refreshAndRepeat() {
        try {
            refresh();
        } finally {
            refresher.schedule(this::refreshAndRepeat, properties.reconcileInterval());
        }
    }

    void refresh() {
        Set<String> running = new HashSet<>();
        for (Application app : applications.findByStatusIn(
                EnumSet.of(ApplicationStatus.STARTING, ApplicationStatus.UPDATING, ApplicationStatus.RUNNING))) {
            if (app.jobId() != null) {
                running.add(app.name());
                engine.metrics(new JobId(app.jobId())).ifPresent(metrics -> meters.publish(app.name(), metrics));
            }
        }
        meters.retainOnly(running);
    }

    @PreDestroy
    void stop() {
        refresher.close();
    }
}
