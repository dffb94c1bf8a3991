package dev.shardline.analytics;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the analytics service ({@code shardline.analytics.*}).
 *
 * @param applicationLimit applications per account and region (AWS's default quota is 50)
 * @param stateTransitionDelay how long an application stays in a transitional status (DELETING, ...) that needs no
 *     Flink work before it moves on
 */
@Validated
@ConfigurationProperties("shardline.analytics")
public record AnalyticsProperties(
        @DefaultValue("50") @Min(1) int applicationLimit,
        @DefaultValue("100ms") Duration stateTransitionDelay) {}
