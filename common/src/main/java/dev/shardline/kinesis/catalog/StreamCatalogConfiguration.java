package dev.shardline.kinesis.catalog;

import dev.shardline.platform.kafka.KafkaClientFactory;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link dev.shardline.kinesis.StreamCatalog} of a service that reads Kinesis streams it does not own (Firehose, the
 * analytics service): the streams service's catalogue topic, read over Kafka, in the all-in-one runtime as in a
 * service on its own.
 */
@Configuration(proxyBeanMethods = false)
public class StreamCatalogConfiguration {

    /** How long {@code find} waits to catch up with the topic before it answers from what it has read. */
    static final Duration FRESHNESS = Duration.ofSeconds(5);

    @Bean(initMethod = "start", destroyMethod = "close")
    KafkaStreamCatalog kafkaStreamCatalog(KafkaClientFactory kafka) {
        return new KafkaStreamCatalog(kafka, CatalogTopic.NAME, FRESHNESS);
    }
}
