package dev.shardline.firehose;

import dev.shardline.keys.KeyServiceConfiguration;
import dev.shardline.kinesis.catalog.StreamCatalogConfiguration;
import dev.shardline.platform.boot.PlatformConfiguration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
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
 * The Firehose service as a library of beans: its standalone main and the all-in-one runtime both import it. It owns
 * the {@code firehose} schema and its own Flyway history there. Its Kafka and S3 clients are not exposed as beans of
 * their Kafka/AWS types, so they never compete with another service's clients for injection by type.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FirehoseProperties.class)
@ComponentScan(
        basePackages = "dev.shardline.firehose",
        excludeFilters =
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.shardline\\.firehose\\.app\\..*"))
@EntityScan("dev.shardline.firehose")
@EnableJpaRepositories("dev.shardline.firehose")
@Import({PlatformConfiguration.class, KeyServiceConfiguration.class, StreamCatalogConfiguration.class})
public class FirehoseServiceConfiguration {

    static final String SCHEMA = "firehose";

    @Bean
    FlywayMigrationInitializer firehoseFlywayInitializer(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/migration/firehose")
                .load();
        return new FlywayMigrationInitializer(flyway);
    }
}
