package dev.shardline.streams.cloudwatch;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One CloudWatch metric as CloudWatch identifies it: namespace, metric name and the set of its dimensions (their order
 * in the request does not matter, so they are kept sorted by name).
 */
public record MetricSeries(String namespace, String metricName, List<Map.Entry<String, String>> dimensions) {

    public MetricSeries {
        dimensions = dimensions.stream()
                .sorted(Map.Entry.comparingByKey())
                .map(d -> Map.entry(d.getKey(), d.getValue()))
                .toList();
    }

    /** The dimensions as one tag value: {@code Operation=ProcessTask,ShardId=shardId-000000000000}. */
    String dimensionsTag() {
        return dimensions.stream().map(d -> d.getKey() + "=" + d.getValue()).collect(Collectors.joining(","));
    }
}
