package dev.shardline.streams.kafka;

import dev.shardline.platform.kafka.KafkaClientFactory;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.stereotype.Component;

/**
 * The Kafka clients of the streams service, made by the platform's {@link KafkaClientFactory} with the sizes Kinesis
 * needs: one shared durable producer (an acknowledged record is on the broker's log before PutRecord answers), one
 * admin client, and group-less consumers that GetRecords positions by offset. Kept to the service, not exposed as
 * beans, and closed with it.
 */
@Component
public class StreamsKafka {

    private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    private static final int MAX_FETCH_BYTES = 12 * 1024 * 1024;

    private final KafkaClientFactory factory;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;

    StreamsKafka(KafkaClientFactory factory) {
        this.factory = factory;
        this.producer = factory.durableProducer(
                "shardline-streams",
                MAX_REQUEST_BYTES,
                Map.of(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024));
        this.admin = factory.admin("shardline-streams-admin");
    }

    public KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    public Admin admin() {
        return admin;
    }

    /** A consumer without a group: GetRecords assigns and seeks it to the iterator's offset. */
    public KafkaConsumer<byte[], byte[]> newFetcherConsumer(int maxWaitMillis) {
        return factory.positionedConsumer(
                "shardline-fetcher",
                Map.of(
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        10_000,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        Math.max(1, maxWaitMillis),
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        MAX_FETCH_BYTES,
                        ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                        MAX_FETCH_BYTES));
    }

    @PreDestroy
    void close() {
        producer.close();
        admin.close();
    }
}
