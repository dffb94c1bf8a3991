package dev.shardline.streams.app;

import dev.shardline.platform.boot.ServiceApplications;
import dev.shardline.streams.StreamsServiceConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The streams service on its own, against an external PostgreSQL ({@code spring.datasource.*}) and Kafka
 * ({@code spring.kafka.bootstrap-servers}), as docker-compose or Kubernetes run it.
 */
@SpringBootApplication
@Import(StreamsServiceConfiguration.class)
public class StreamsServiceApplication {

    public static void main(String[] args) {
        ServiceApplications.run(StreamsServiceApplication.class, "shardline-streams", args);
    }
}
