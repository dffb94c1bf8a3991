package dev.shardline.analytics;

import dev.shardline.keys.KeyServiceConfiguration;
import dev.shardline.kinesis.catalog.StreamCatalogConfiguration;
import dev.shardline.platform.boot.PlatformConfiguration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The analytics service (Managed Service for Apache Flink) as a library of beans: its standalone main and the
 * all-in-one runtime both import it. It owns the {@code analytics} schema and its own Flyway history there.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalyticsProperties.class)
@ComponentScan(
        basePackages = "dev.shardline.analytics",
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.shardline\\.analytics\\.app\\..*"),
            // As @SpringBootApplication's scan: in tests, other test classes' nested configurations stay out.
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class)
        })
@EntityScan("dev.shardline.analytics")
@EnableJpaRepositories("dev.shardline.analytics")
@Import({PlatformConfiguration.class, KeyServiceConfiguration.class, StreamCatalogConfiguration.class})
public class AnalyticsServiceConfiguration {

    static final String SCHEMA = "analytics";

    @Bean
    FlywayMigrationInitializer analyticsFlywayInitializer(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/migration/analytics")
                .load();
        return new FlywayMigrationInitializer(flyway);
    }
}
