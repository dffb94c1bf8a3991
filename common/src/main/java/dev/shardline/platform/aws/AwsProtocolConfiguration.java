package dev.shardline.platform.aws;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Imported by each service (and by the all-in-one runtime once): the shared AWS endpoint and its properties. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AwsProperties.class)
@Import(AwsProtocolEndpoint.class)
public class AwsProtocolConfiguration {}
