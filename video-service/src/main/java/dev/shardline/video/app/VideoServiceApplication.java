package dev.shardline.video.app;

import dev.shardline.platform.boot.ServiceApplications;
import dev.shardline.video.VideoServiceConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The video service on its own, against an external PostgreSQL ({@code spring.datasource.*}), Kafka
 * ({@code spring.kafka.bootstrap-servers}) and object store ({@code shardline.video.s3.*}), as docker-compose or
 * Kubernetes run it.
 */
@SpringBootApplication
@Import(VideoServiceConfiguration.class)
public class VideoServiceApplication {

    public static void main(String[] args) {
        ServiceApplications.run(VideoServiceApplication.class, "shardline-video", args);
    }
}
