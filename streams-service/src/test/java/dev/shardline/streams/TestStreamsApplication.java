package dev.shardline.streams;

import dev.shardline.kinesis.catalog.StreamCatalogConfiguration;
import dev.shardline.platform.kafka.KafkaClientFactory;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The streams service as its tests run it: the library's beans under a plain Boot application. */
@SpringBootApplication(scanBasePackages = "dev.shardline.streams.testonly")
// The catalogue that other services read, so the streams service's tests can check what they would see.
@Import({StreamsServiceConfiguration.class, StreamCatalogConfiguration.class})
public class TestStreamsApplication {

    /** For tests that look at a stream's topic: the service keeps its own Kafka clients to itself. */
    @Bean(destroyMethod = "close")
    Admin streamsAdmin(KafkaClientFactory kafka) {
        return kafka.admin("streams-test-admin");
    }
}
