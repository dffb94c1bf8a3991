package dev.shardline.firehose.ingest;

import jakarta.annotation.PreDestroy;
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
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The Kafka clients of the Firehose service, built from Spring Boot's {@code spring.kafka.*} properties. Held here
 * rather than exposed as beans, so that they never compete with another service's clients for injection by type.
 */
@Component
class FirehoseKafka {

    /** Topic and producer limits: a PutRecordBatch is at most 4 MiB, a record at most 1,000 KiB. */
    static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    private final KafkaProperties properties;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;

    FirehoseKafka(KafkaProperties properties) {
        this.properties = properties;
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        // acks=all + idempotence: a record PutRecord acknowledged is on the broker's log and written once.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "shardline-firehose");
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, Object> adminConfig = new HashMap<>(properties.buildAdminProperties());
        adminConfig.put("client.id", "shardline-firehose-admin");
        this.admin = Admin.create(adminConfig);
    }

    KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    Admin admin() {
        return admin;
    }

    /** A consumer of one delivery stream's group: offsets are committed by hand, after the destination has the data. */
    KafkaConsumer<byte[], byte[]> newDeliveryConsumer(String groupId) {
        return newDeliveryConsumer(groupId, Map.of());
    }

    /** The same, with {@code overrides} (another cluster's bootstrap servers, a shorter metadata age) on top. */
    KafkaConsumer<byte[], byte[]> newDeliveryConsumer(String groupId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(properties.buildConsumerProperties());
        config.putAll(overrides);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_MESSAGE_BYTES);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * MAX_MESSAGE_BYTES);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        // A member that died (kill -9) holds its partitions until its session expires: 10 s instead of Kafka's 45 s
        // bounds how long a restarted or surviving instance waits before it delivers them again.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        // A batch is processed and delivered between two polls: Lambda retries (up to 300, each up to the invocation
        // timeout) or a slow warehouse load can outlast Kafka's 5 min, which would revoke the partition mid-delivery
        // and replay the batch over and over. Heartbeats still detect a dead instance within the session timeout.
        config.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int)
                Duration.ofMinutes(30).toMillis());
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An admin client of another cluster (an MSK source's); the caller closes it. */
    Admin newAdmin(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(properties.buildAdminProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "shardline-firehose-source-admin");
        return Admin.create(config);
    }

    @PreDestroy
    void close() {
        producer.close();
        admin.close();
    }
}
