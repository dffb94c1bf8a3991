package dev.shardline.firehose.app;

import dev.shardline.firehose.FirehoseServiceConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The Firehose service on its own, against an external PostgreSQL ({@code spring.datasource.*}) and Kafka
 * ({@code spring.kafka.bootstrap-servers}) and an S3 endpoint ({@code shardline.firehose.s3.*}), as docker-compose
 * or Kubernetes run it.
 */
@SpringBootApplication
@Import(FirehoseServiceConfiguration.class)
public class FirehoseServiceApplication {

    /** Defaults only: any property source, environment variables included, overrides them. */
    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.application.name", "shardline-firehose",
            "server.port", "4566",
            "server.http2.enabled", "true",
            "spring.flyway.enabled", "false",
            "spring.jpa.open-in-view", "false",
            "spring.jpa.hibernate.ddl-auto", "validate",
            "management.endpoints.web.exposure.include", "health,info,metrics,prometheus",
            "logging.level.org.apache.kafka", "WARN");

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(FirehoseServiceApplication.class);
        application.setDefaultProperties(DEFAULTS);
        application.run(args);
    }
}
