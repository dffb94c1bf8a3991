package dev.shardline.analytics.application;

import dev.shardline.analytics.engine.JobMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * Managed Service for Apache Flink's Application-level metrics, under the names CloudWatch gives them in the
 * {@code AWS/KinesisAnalytics} namespace, prefixed with {@code kinesisanalytics.} and tagged with {@code application}
 * (CloudWatch's Application dimension): one gauge each, showing the newest {@link JobMetrics} the engine gave for the
 * application's job. {@code millisBehindLatest} is NaN for a job without a {@code kinesis} source (AWS publishes it
 * only for Kinesis sources).
 */
final class ApplicationMeters {

    static final String PREFIX = "kinesisanalytics.";
    static final String TAG = "application";

    private static final Map<String, ToDoubleFunction<JobMetrics>> GAUGES = Map.ofEntries(
            gauge("numRecordsInPerSecond", JobMetrics::numRecordsInPerSecond),
            gauge("numRecordsOutPerSecond", JobMetrics::numRecordsOutPerSecond),
            gauge("lastCheckpointDuration", JobMetrics::lastCheckpointDuration),
            gauge("lastCheckpointSize", JobMetrics::lastCheckpointSize),
            gauge("numberOfFailedCheckpoints", JobMetrics::numberOfFailedCheckpoints),
            gauge("uptime", JobMetrics::uptime),
            gauge("downtime", JobMetrics::downtime),
            gauge("fullRestarts", JobMetrics::fullRestarts),
            // AWS's name for the same count from Flink 2.2 on, where fullRestarts is gone.
            gauge("numRestarts", JobMetrics::fullRestarts),
            gauge("millisBehindLatest", m -> m.millisBehindLatest() < 0 ? Double.NaN : m.millisBehindLatest()));

    private static Map.Entry<String, ToDoubleFunction<JobMetrics>> gauge(
            String name, ToDoubleFunction<JobMetrics> value) {
        return Map.entry(name, value);
    }

    private final MeterRegistry registry;
    private final Map<String, Published> published = new ConcurrentHashMap<>();

    ApplicationMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Shows {@code metrics} under the application's gauges, registering them the first time. */
    void publish(String application, JobMetrics metrics) {
        published.computeIfAbsent(application, this::register).latest().set(metrics);
    }

    /** Removes the gauges of every application not in {@code applications} (stopped, deleted). */
    void retainOnly(Set<String> applications) {
        published.keySet().removeIf(application -> {
            if (applications.contains(application)) {
                return false;
            }
            published.get(application).meters().forEach(registry::remove);
            return true;
        });
    }

    private Published register(String application) {
        AtomicReference<JobMetrics> latest = new AtomicReference<>();
        List<Meter> meters = new ArrayList<>();
        GAUGES.forEach((name, value) -> meters.add(Gauge.builder(
                        PREFIX + name,
                        latest,
                        held -> held.get() == null ? Double.NaN : value.applyAsDouble(held.get()))
                .tag(TAG, application)
                .register(registry)));
        return new Published(latest, meters);
    }

    private record Published(AtomicReference<JobMetrics> latest, List<Meter> meters) {}
}
