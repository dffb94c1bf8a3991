package dev.shardline.streams.cloudwatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The metrics clients publish with CloudWatch PutMetricData (the KCL's, typically), as Micrometer meters: per series,
 * the counters {@code cloudwatch.metric.samples} and {@code cloudwatch.metric.sum} (CloudWatch's SampleCount and Sum,
 * so an average is the ratio of their rates) and the gauges {@code cloudwatch.metric.minimum} and
 * {@code cloudwatch.metric.maximum} (since the series was first seen), each tagged {@code namespace}, {@code metric}
 * and {@code dimensions}. The tag keys are the same for every series (Prometheus needs that), and at most
 * {@code shardline.cloudwatch.max-series} series are kept.
 */
@Component
@EnableConfigurationProperties(CloudWatchProperties.class)
public class PublishedMetrics {

    static final String SAMPLES = "cloudwatch.metric.samples";
    static final String SUM = "cloudwatch.metric.sum";
    static final String MINIMUM = "cloudwatch.metric.minimum";
    static final String MAXIMUM = "cloudwatch.metric.maximum";
    private static final Logger log = LoggerFactory.getLogger(PublishedMetrics.class);

    private final MeterRegistry registry;
    private final int maxSeries;
    private final ConcurrentMap<MetricSeries, Aggregate> series = new ConcurrentHashMap<>();
    private final Counter dropped;

    public PublishedMetrics(MeterRegistry registry, CloudWatchProperties properties) {
        this.registry = registry;
        this.maxSeries = properties.maxSeries();
        this.dropped = Counter.builder("cloudwatch.series.dropped")
                .description("PutMetricData data points dropped because shardline.cloudwatch.max-series was reached")
                .register(registry);
    }

    /** Adds one datum's statistics to its series; a new series past the cap is dropped (and counted). */
    public void record(MetricSeries key, MetricStatistics statistics) {
        Aggregate aggregate = series.get(key);
        if (aggregate == null) {
            synchronized (series) {
                aggregate = series.get(key);
                if (aggregate == null) {
                    if (series.size() >= maxSeries) {
                        if (dropped.count() == 0) {
                            log.warn(
                                    "CloudWatch metrics: {} series reached (shardline.cloudwatch.max-series); data of"
                                            + " new series such as {}/{} is dropped",
                                    maxSeries,
                                    key.namespace(),
                                    key.metricName());
                        }
                        dropped.increment();
                        return;
                    }
                    aggregate = register(key);
                    series.put(key, aggregate);
                }
            }
        }
        aggregate.add(statistics);
    }

    private Aggregate register(MetricSeries key) {
        Aggregate aggregate = new Aggregate();
        Tags tags =
                Tags.of("namespace", key.namespace(), "metric", key.metricName(), "dimensions", key.dimensionsTag());
        FunctionCounter.builder(SAMPLES, aggregate, Aggregate::sampleCount)
                .tags(tags)
                .description("Samples published with CloudWatch PutMetricData (SampleCount)")
                .register(registry);
        FunctionCounter.builder(SUM, aggregate, Aggregate::sum)
                .tags(tags)
                .description("Sum of the values published with CloudWatch PutMetricData")
                .register(registry);
        Gauge.builder(MINIMUM, aggregate, Aggregate::minimum)
                .tags(tags)
                .description("Smallest value published with CloudWatch PutMetricData")
                .register(registry);
        Gauge.builder(MAXIMUM, aggregate, Aggregate::maximum)
                .tags(tags)
                .description("Largest value published with CloudWatch PutMetricData")
                .register(registry);
        return aggregate;
    }

    private static final class Aggregate {
        private double sampleCount;
        private double sum;
        private double minimum = Double.NaN;
        private double maximum = Double.NaN;

        synchronized void add(MetricStatistics statistics) {
            sampleCount += statistics.sampleCount();
            sum += statistics.sum();
            minimum = Double.isNaN(minimum) ? statistics.minimum() : Math.min(minimum, statistics.minimum());
            maximum = Double.isNaN(maximum) ? statistics.maximum() : Math.max(maximum, statistics.maximum());
        }

        synchronized double minimum() {
            return minimum;
        }

        synchronized double sampleCount() {
            return sampleCount;
        }

        synchronized double sum() {
            return sum;
        }

        synchronized double maximum() {
            return maximum;
        }
    }
}
