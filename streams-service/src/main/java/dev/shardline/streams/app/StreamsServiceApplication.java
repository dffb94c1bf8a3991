package dev.shardline.streams.app;

import dev.shardline.streams.StreamsServiceConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The streams service on its own, against an external PostgreSQL ({@code spring.datasource.*}) and Kafka
 * ({@code spring.kafka.bootstrap-servers}), as docker-compose or Kubernetes run it.
 */
@SpringBootApplication
@Import(StreamsServiceConfiguration.class)
public class StreamsServiceApplication {

    /** Defaults only: any property source, environment variables included, overrides them. */
    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.application.name", "shardline-streams",
            "server.port", "4566",
            "server.http2.enabled", "true",
            "spring.flyway.enabled", "false",
            "spring.jpa.open-in-view", "false",
            "spring.jpa.hibernate.ddl-auto", "validate",
            "management.endpoints.web.exposure.include", "health,info,metrics,prometheus",
            "logging.level.org.apache.kafka", "WARN");

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(StreamsServiceApplication.class);
        application.setDefaultProperties(DEFAULTS);
        application.run(args);
    }
}
