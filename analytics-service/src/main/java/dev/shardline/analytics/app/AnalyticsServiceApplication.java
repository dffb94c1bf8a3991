package dev.shardline.analytics.app;

import dev.shardline.analytics.AnalyticsServiceConfiguration;
import dev.shardline.platform.boot.ServiceApplications;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The analytics service on its own, against an external PostgreSQL ({@code spring.datasource.*}), Kafka
 * ({@code spring.kafka.bootstrap-servers}) and object store, as docker-compose or Kubernetes run it.
 */
@SpringBootApplication
@Import(AnalyticsServiceConfiguration.class)
public class AnalyticsServiceApplication {

    public static void main(String[] args) {
        ServiceApplications.run(AnalyticsServiceApplication.class, "shardline-analytics", args);
    }
}
