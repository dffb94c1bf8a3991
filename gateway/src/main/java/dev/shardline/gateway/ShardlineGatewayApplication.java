package dev.shardline.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The edge in front of the standalone services: one AWS endpoint, as AWS gives one per region. Routes are configured in
 * {@code application.yml} (by {@code X-Amz-Target} prefix and by path) and balanced over static instance lists.
 */
@SpringBootApplication
public class ShardlineGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShardlineGatewayApplication.class, args);
    }
}
