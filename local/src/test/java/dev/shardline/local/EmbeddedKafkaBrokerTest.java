package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "survivor";
    private static final int RECORDS = 100;
    private static final Duration CONSUME_DEADLINE = Duration.ofSeconds(30);

    @Test
    void recordsSurviveARestartOnTheSameLogDirectory(@TempDir Path logDir) throws Exception {
        Map<String, String> produced = new HashMap<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir)) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) {
                    produced.put("key-" + i, "value-" + i);
                    sends.add(producer.send(new ProducerRecord<>(TOPIC, "key-" + i, "value-" + i)));
                }
                for (Future<RecordMetadata> send : sends) {
                    send.get(30, TimeUnit.SECONDS);
                }
            }
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir);
                KafkaConsumer<String, String> consumer = consumer(broker)) {
            List<TopicPartition> partitions = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            Map<String, String> consumed = new HashMap<>();
            Set<Integer> partitionsWithRecords = new HashSet<>();
            long deadline = System.nanoTime() + CONSUME_DEADLINE.toNanos();
            while (consumed.size() < RECORDS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    consumed.put(record.key(), record.value());
                    partitionsWithRecords.add(record.partition());
                }
            }

            assertThat(consumed).containsExactlyInAnyOrderEntriesOf(produced);
            assertThat(partitionsWithRecords).containsExactlyInAnyOrder(0, 1);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
