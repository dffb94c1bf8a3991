package dev.shardline.firehose.app;

import dev.shardline.firehose.FirehoseServiceConfiguration;
import dev.shardline.platform.boot.ServiceApplications;
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

    public static void main(String[] args) {
        ServiceApplications.run(FirehoseServiceApplication.class, "shardline-firehose", args);
    }
}
