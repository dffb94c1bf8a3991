package dev.shardline.streams.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka clients of the streams service, built from Spring Boot's {@code spring.kafka.*} properties with the
 * settings that Kinesis semantics need: durable, idempotent writes and group-less reads positioned by offset.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaClients {

    private final KafkaProperties properties;

    KafkaClients(KafkaProperties properties) {
        this.properties = properties;
    }

    /** One shared producer: an acknowledged record is on the broker's log before PutRecord answers. */
    @Bean(destroyMethod = "close")
    public KafkaProducer<byte[], byte[]> recordProducer() {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // No linger: a lone PutRecord goes out at once; under load records still batch behind in-flight requests.
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        // A broker that is down fails a put within seconds instead of holding the caller for Kafka's minutes.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "shardline-streams");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Bean(destroyMethod = "close")
    public Admin streamsAdmin() {
        return Admin.create(properties.buildAdminProperties());
    }

    /** A consumer without a group: GetRecords assigns and seeks it to the iterator's offset. */
    public KafkaConsumer<byte[], byte[]> newFetcherConsumer(int maxWaitMillis) {
        Map<String, Object> config = new HashMap<>(properties.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Math.max(1, maxWaitMillis));
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 12 * 1024 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 12 * 1024 * 1024);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "shardline-fetcher");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
