package dev.shardline.streams.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishedMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void eachSeriesIsOneSummaryInThePrometheusScrapeWithItsDimensionsSortedByName() {
        PublishedMetrics metrics = new PublishedMetrics(registry, new CloudWatchProperties(10));
        MetricSeries series = new MetricSeries(
                "KclApp",
                "MillisBehindLatest",
                List.of(Map.entry("ShardId", "shardId-000000000001"), Map.entry("Operation", "ProcessTask")));
        metrics.record(series, new MetricStatistics(2, 30, 10, 20));
        metrics.record(series, MetricStatistics.ofValue(5));

        String scrape = registry.scrape();

        String tags = "dimensions=\"Operation=ProcessTask,ShardId=shardId-000000000001\",metric=\"MillisBehindLatest\","
                + "namespace=\"KclApp\"";
        assertThat(scrape)
                .contains("cloudwatch_metric_samples_total{" + tags + "} 3.0")
                .contains("cloudwatch_metric_sum_total{" + tags + "} 35.0")
                .contains("cloudwatch_metric_minimum{" + tags + "} 5.0")
                .contains("cloudwatch_metric_maximum{" + tags + "} 20.0");
    }

    @Test
    void seriesPastTheCapAreDroppedAndCounted() {
        PublishedMetrics metrics = new PublishedMetrics(registry, new CloudWatchProperties(2));
        for (int i = 0; i < 5; i++) {
            metrics.record(new MetricSeries("App", "Metric" + i, List.of()), MetricStatistics.ofValue(1));
        }
        // a series that exists keeps counting after the cap is reached
        metrics.record(new MetricSeries("App", "Metric0", List.of()), MetricStatistics.ofValue(1));

        assertThat(registry.find("cloudwatch.metric.samples").meters()).hasSize(2);
        assertThat(registry.get("cloudwatch.series.dropped").counter().count()).isEqualTo(3);
        assertThat(registry.get("cloudwatch.metric.samples")
                        .tag("metric", "Metric0")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void valuesWithCountsAddUpAsCloudWatchWouldCountThem() {
        MetricStatistics statistics = MetricStatistics.ofValues(new double[] {1, 4}, new double[] {3, 2});

        assertThat(statistics).isEqualTo(new MetricStatistics(5, 11, 1, 4));
        assertThat(MetricStatistics.ofValues(new double[] {2, 7}, null)).isEqualTo(new MetricStatistics(2, 9, 2, 7));
    }
}
