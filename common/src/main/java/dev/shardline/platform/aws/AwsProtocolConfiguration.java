package dev.shardline.platform.aws;

import dev.shardline.platform.auth.AuthConfiguration;
import dev.shardline.platform.auth.CredentialStore;
import dev.shardline.platform.auth.SecurityProperties;
import dev.shardline.platform.auth.SigV4Verifier;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Imported by each service (and by the all-in-one runtime once): the two AWS wire adapters over one error catalogue
 * ({@code X-Amz-Target} JSON/CBOR on {@code POST /}, REST-JSON by path) and their properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AwsProperties.class, EdgeProperties.class})
@Import({AwsProtocolEndpoint.class, EdgeErrorsConfiguration.class, AuthConfiguration.class})
public class AwsProtocolConfiguration {

    @Bean
    WireAuthentication wireAuthentication(
            SecurityProperties security, SigV4Verifier verifier, AwsProperties properties) {
        return new WireAuthentication(security, verifier, properties);
    }

    @Bean
    AwsRestJsonEndpoint awsRestJsonEndpoint(
            List<AwsRestJsonService> services,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
            AwsProperties properties,
            WireAuthentication authentication) {
        return new AwsRestJsonEndpoint(services, mappings, properties, authentication);
    }

    /** After Boot's own filters (observation, request context), as a Spring MVC async handler would be. */
    @Bean
    FilterRegistrationBean<BodyPrefetchFilter> bodyPrefetchFilter(
            AwsProperties aws, EdgeProperties edge, AwsRestJsonEndpoint restJson) {
        FilterRegistrationBean<BodyPrefetchFilter> registration =
                new FilterRegistrationBean<>(new BodyPrefetchFilter(aws, edge, restJson::streamsItsBody));
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    RestCaller restCaller(SecurityProperties security, AwsProperties aws) {
        return new RestCaller(security, aws);
    }

    /** Right after BodyPrefetchFilter, so that a SigV4 signature is checked against the body that arrived. */
    @Bean
    FilterRegistrationBean<RestAuthenticationFilter> restAuthenticationFilter(
            SecurityProperties security, CredentialStore credentials, SigV4Verifier verifier, AwsProperties aws) {
        FilterRegistrationBean<RestAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new RestAuthenticationFilter(security, credentials, verifier, aws));
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 90);
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    /**
     * "100 Continue" only once the body is read: a client that asks before it sends its body is then never asked for
     * one that is refused by its declared length (Tomcat's default answers at once).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http11) {
                http11.setContinueResponseTiming("onRead");
            }
        });
    }
}
