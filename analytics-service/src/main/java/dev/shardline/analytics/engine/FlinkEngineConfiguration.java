package dev.shardline.analytics.engine;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers the engine's own properties, apart from the service's {@code AnalyticsProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FlinkEngineProperties.class)
class FlinkEngineConfiguration {}
