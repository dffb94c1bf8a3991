package dev.shardline.platform.console;

import dev.shardline.platform.kafka.KafkaClientFactory;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The web console's frame, shared by every service: the layout, navigation, styles and scripts (htmx and uPlot from
 * WebJars), the overview at {@code /console} and the PostgreSQL and Kafka checks. Services add {@link ConsoleSection}s,
 * their own pages and {@link ConsoleHealthCheck}s.
 */
@Configuration(proxyBeanMethods = false)
@Import({OverviewController.class, ConsoleLayoutAdvice.class})
public class ConsoleConfiguration {

    @Bean
    ConsoleHealthCheck consolePostgresCheck(DataSource dataSource) {
        return new InfrastructureChecks.PostgresCheck(dataSource);
    }

    @Bean
    ConsoleHealthCheck consoleKafkaCheck(KafkaClientFactory clients) {
        return new InfrastructureChecks.KafkaCheck(clients);
    }
}
