package dev.shardline.streams.app;

import dev.shardline.streams.StreamsServiceConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The streams service on its own, against an external PostgreSQL and Kafka (docker-compose, Kubernetes). */
@SpringBootApplication
@Import(StreamsServiceConfiguration.class)
public class StreamsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(StreamsServiceApplication.class, args);
    }
}
