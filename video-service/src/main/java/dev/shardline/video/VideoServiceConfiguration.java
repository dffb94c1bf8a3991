package dev.shardline.video;

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
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The video service (Kinesis Video Streams) as a library of beans: its standalone main and the all-in-one runtime both
 * import it. It owns the {@code video} schema and its own Flyway history there. Its S3 client is no bean of the AWS
 * type, so it never competes with another service's client for injection by type.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VideoProperties.class)
@ComponentScan(
        basePackages = "dev.shardline.video",
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.shardline\\.video\\.app\\..*"))
@EntityScan("dev.shardline.video")
@EnableJpaRepositories("dev.shardline.video")
@Import({PlatformConfiguration.class, KeyServiceConfiguration.class})
public class VideoServiceConfiguration {

    static final String SCHEMA = "video";

    @Bean
    FlywayMigrationInitializer videoFlywayInitializer(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/migration/video")
                .load();
        return new FlywayMigrationInitializer(flyway);
    }
}
