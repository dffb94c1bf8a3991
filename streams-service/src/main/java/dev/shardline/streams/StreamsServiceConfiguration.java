package dev.shardline.streams;

import dev.shardline.keys.KeyServiceConfiguration;
import dev.shardline.platform.boot.PlatformConfiguration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The Kinesis Data Streams service as a library of beans: its standalone main and the all-in-one runtime both import
 * it. It owns the {@code streams} schema and its own Flyway history there.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamsProperties.class)
@ComponentScan(
        basePackages = "dev.shardline.streams",
        excludeFilters =
                @ComponentScan.Filter(
                        type = org.springframework.context.annotation.FilterType.REGEX,
                        pattern = "dev\\.shardline\\.streams\\.app\\..*"))
@EntityScan("dev.shardline.streams")
@EnableJpaRepositories("dev.shardline.streams")
@Import({PlatformConfiguration.class, KeyServiceConfiguration.class})
public class StreamsServiceConfiguration {

    static final String SCHEMA = "streams";

    @Bean
    FlywayMigrationInitializer streamsFlywayInitializer(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/migration/streams")
                .load();
        return new FlywayMigrationInitializer(flyway);
    }
}
