package dev.shardline.platform.aws;

import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Imported by each service (and by the all-in-one runtime once): the two AWS wire adapters over one error catalogue
 * ({@code X-Amz-Target} JSON/CBOR on {@code POST /}, REST-JSON by path) and their properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AwsProperties.class)
@Import({AwsProtocolEndpoint.class, EdgeErrorsConfiguration.class})
public class AwsProtocolConfiguration {

    @Bean
    AwsRestJsonEndpoint awsRestJsonEndpoint(
            List<AwsRestJsonService> services,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
            AwsProperties properties) {
        return new AwsRestJsonEndpoint(services, mappings, properties);
    }
}
