package dev.shardline.platform.boot;

import dev.shardline.platform.aws.AwsProtocolConfiguration;
import dev.shardline.platform.console.ConsoleConfiguration;
import dev.shardline.platform.kafka.KafkaConfiguration;
import dev.shardline.platform.openapi.ShardlineOpenApi;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every service imports: the web console's frame ({@link ConsoleConfiguration}), the AWS protocol endpoint that its {@code AwsJsonService} beans join, the Kafka client
 * factory, HTTP/2 that answers clients which close their session early (see {@link GracefulHttp2}), a connection limit
 * that leaves file descriptors to the rest of the process ({@link EdgeConnections}), and the one {@link Clock} that the services' time-dependent code is given (a test may declare its own).
 * The OpenAPI document's title, version and description come from {@link ShardlineOpenApi}.
 */
@Configuration(proxyBeanMethods = false)
@Import({AwsProtocolConfiguration.class, KafkaConfiguration.class, ConsoleConfiguration.class, ShardlineOpenApi.class})
public class PlatformConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    static GracefulHttp2 gracefulHttp2() {
        return new GracefulHttp2();
    }

    @Bean
    static EdgeConnections edgeConnections() {
        return new EdgeConnections();
    }
}
