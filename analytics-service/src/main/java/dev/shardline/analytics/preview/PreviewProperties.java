package dev.shardline.analytics.preview;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Interactive queries ({@code shardline.analytics.preview.*}): how many rows and how long one preview may take, and how
 * many run at once (each runs as a job of parallelism 1, so it takes one task slot of the embedded cluster).
 *
 * @param defaultRows rows shown when the request names no limit
 * @param maxRows the largest row limit a request may ask for
 * @param defaultTime how long a preview runs when the request names no limit
 * @param maxTime the longest time limit a request may ask for
 * @param maxConcurrent previews running at once; one more is refused (LimitExceededException, HTTP 429)
 */
@Validated
@ConfigurationProperties("shardline.analytics.preview")
public record PreviewProperties(
        @DefaultValue("100") @Min(1) int defaultRows,
        @DefaultValue("10000") @Min(1) int maxRows,
        @DefaultValue("10s") Duration defaultTime,
        @DefaultValue("60s") Duration maxTime,
        @DefaultValue("2") @Min(1) int maxConcurrent) {}
