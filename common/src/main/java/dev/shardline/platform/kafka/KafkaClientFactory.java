package dev.shardline.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients of every service, built from Spring Boot's {@code spring.kafka.*} properties with the settings
 * Shardline's guarantees need. The caller owns (and closes) what it gets. A
 * service's {@code defaults} yield to what the user set in {@code spring.kafka.*}; {@code overrides} go on top of
 * everything; what the guarantees need (acks, idempotence, manual commits) is always set.
 * Services keep their clients to themselves rather than exposing them as beans, so that the clients of two services in
 * one runtime never compete for injection by type.
 */
public class KafkaClientFactory {

    private final Map<String, Object> producerBase;
    private final Map<String, Object> consumerBase;
    private final Map<String, Object> adminBase;

    public KafkaClientFactory(
            Map<String, Object> producerProperties,
            Map<String, Object> consumerProperties,
            Map<String, Object> adminProperties) {
        this.producerBase = Map.copyOf(producerProperties);
        this.consumerBase = Map.copyOf(consumerProperties);
        this.adminBase = Map.copyOf(adminProperties);
    }

    /**
     * A producer whose acknowledged records are on the broker's log, written once: acks=all and idempotence. No
     * linger (a lone put goes out at once; under load records still batch behind in-flight requests), and a broker
     * that is down fails a send within seconds instead of holding the caller for Kafka's minutes.
     */
    public KafkaProducer<byte[], byte[]> durableProducer(
            String clientId, int maxRequestBytes, Map<String, Object> defaults) {
        return new KafkaProducer<>(
                durableProducerSettings(clientId, maxRequestBytes, defaults),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    Map<String, Object> durableProducerSettings(String clientId, int maxRequestBytes, Map<String, Object> defaults) {
        Map<String, Object> config = new HashMap<>(producerBase);
        defaults.forEach(config::putIfAbsent); // the service's choice, unless the user set spring.kafka.producer.*
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /**
     * A consumer without a group, for readers that assign partitions and seek to offsets themselves (GetRecords,
     * SubscribeToShard): no offsets are committed.
     */
    public KafkaConsumer<byte[], byte[]> positionedConsumer(String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(consumerBase);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.putAll(overrides);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A member of consumer group {@code groupId} that commits offsets by hand, once the work for what it read is done
     * (at-least-once reading, made exactly-once by idempotent writes downstream). A member that died (kill -9) holds
     * its partitions until its session expires: 10 s instead of Kafka's 45 s bounds how long the others wait.
     */
    public KafkaConsumer<byte[], byte[]> groupConsumer(String groupId, Map<String, Object> defaults) {
        Map<String, Object> config = new HashMap<>(consumerBase);
        defaults.forEach(config::putIfAbsent); // the service's choice, unless the user set spring.kafka.consumer.*
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int)
                Duration.ofSeconds(10).toMillis());
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int)
                Duration.ofSeconds(2).toMillis());
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An admin client of the configured cluster. */
    public Admin admin(String clientId) {
        return admin(clientId, Map.of());
    }

    /** An admin client with {@code overrides}, e.g. another cluster's {@code bootstrap.servers}. */
    public Admin admin(String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(adminBase);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.putAll(overrides);
        return Admin.create(config);
    }
}
