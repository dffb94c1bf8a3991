package dev.shardline.gateway;

import java.net.http.HttpClient;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the edge talks to the services: HTTP/1.1. The edge forwards the client's Host header (SigV4 signs it), and over
 * HTTP/2 a Host that differs from the connection's {@code :authority} is a protocol error that Tomcat answers with
 * RST_STREAM. Event streams (SubscribeToShard) still reach the client as they arrive: the services write them chunked
 * over HTTP/1.1, and the client may speak HTTP/2 to the edge.
 */
@Configuration(proxyBeanMethods = false)
class BackendHttpClientConfiguration {

    @Bean
    ClientHttpRequestFactoryBuilder<?> backendRequestFactoryBuilder() {
        return ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1));
    }
}
