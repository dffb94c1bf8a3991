package dev.shardline.streams.cloudwatch.web;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** CloudWatch PutMetricData's input, with AWS's member names, as all three protocols carry it. */
record PutMetricDataInput(
        String namespace,
        List<MetricDatum> metricData,
        List<EntityMetricData> entityMetricData,
        Boolean strictEntityValidation) {

    record MetricDatum(
            String metricName,
            List<Dimension> dimensions,
            Instant timestamp,
            Double value,
            StatisticSet statisticValues,
            List<Double> values,
            List<Double> counts,
            String unit,
            Integer storageResolution) {}

    record Dimension(String name, String value) {}

    record StatisticSet(Double sampleCount, Double sum, Double minimum, Double maximum) {}

    /** Metrics with the entity they belong to; the entity is accepted and not kept. */
    record EntityMetricData(JsonNode entity, List<MetricDatum> metricData) {}
}
