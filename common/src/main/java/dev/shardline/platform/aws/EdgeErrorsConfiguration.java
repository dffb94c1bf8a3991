package dev.shardline.platform.aws;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/** Errors at the edge in the API's own shape: Spring's error page and Tomcat's error report. */
@Configuration(proxyBeanMethods = false)
@Import({EdgeErrorController.class, RestRequestErrors.class})
class EdgeErrorsConfiguration {

    @Bean
    FilterRegistrationBean<MalformedQueryFilter> malformedQueryFilter() {
        FilterRegistrationBean<MalformedQueryFilter> registration =
                new FilterRegistrationBean<>(new MalformedQueryFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WildcardContentTypeFilter> wildcardContentTypeFilter() {
        FilterRegistrationBean<WildcardContentTypeFilter> registration =
                new FilterRegistrationBean<>(new WildcardContentTypeFilter());
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> edgeErrorValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(EdgeErrorValve.class.getName());
            }
        });
    }
}
