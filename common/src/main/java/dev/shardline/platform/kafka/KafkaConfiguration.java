package dev.shardline.platform.kafka;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link KafkaClientFactory} of the runtime, from Spring Boot's {@code spring.kafka.*} properties. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KafkaClientFactory kafkaClientFactory(KafkaProperties properties) {
        return new KafkaClientFactory(
                properties.buildProducerProperties(),
                properties.buildConsumerProperties(),
                properties.buildAdminProperties());
    }
}
