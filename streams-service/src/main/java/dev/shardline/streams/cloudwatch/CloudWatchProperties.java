package dev.shardline.streams.cloudwatch;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CloudWatch metrics that clients publish with PutMetricData ({@code shardline.cloudwatch.*}).
 *
 * @param maxSeries how many distinct series (namespace, metric name and dimensions) are kept as meters; data for a
 *     series beyond it is accepted but dropped and counted in {@code cloudwatch.series.dropped}, so a client that
 *     publishes one series per request id cannot fill the Prometheus scrape
 */
@Validated
@ConfigurationProperties("shardline.cloudwatch")
public record CloudWatchProperties(
        @DefaultValue("1000") @Min(0) int maxSeries) {}
