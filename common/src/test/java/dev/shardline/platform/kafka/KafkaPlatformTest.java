package dev.shardline.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The platform's topic administration, Kafka clients and acknowledged sends against a real KRaft broker. */
class KafkaPlatformTest {

    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaClientFactory clients;
    private static Admin admin;
    private static TopicAdmin topics;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        Map<String, Object> bootstrap = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        clients = new KafkaClientFactory(bootstrap, bootstrap, bootstrap);
        admin = clients.admin("topic-admin-test");
        topics = new TopicAdmin(admin, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.destroy();
    }

    @Test
    void creatingAnExistingTopicAgainSucceedsAndKeepsItsConfig() throws Exception {
        topics.create("again", 2, (short) 1, Map.of("retention.ms", "3600000"));
        topics.create("again", 2, (short) 1, Map.of("retention.ms", "3600000"));

        assertThat(admin.describeTopics(List.of("again"))
                        .allTopicNames()
                        .get()
                        .get("again")
                        .partitions())
                .hasSize(2);
        assertThat(retentionOf("again")).isEqualTo("3600000");
    }

    @Test
    void ensurePartitionsGrowsATopicAndNeverShrinksIt() throws Exception {
        topics.create("grows", 1, (short) 1, Map.of());

        topics.ensurePartitions("grows", 3);
        topics.ensurePartitions("grows", 2);

        assertThat(admin.describeTopics(List.of("grows"))
                        .allTopicNames()
                        .get()
                        .get("grows")
                        .partitions())
                .hasSize(3);
        assertThat(topics.endOffsets("grows", List.of(0, 1, 2))).containsOnlyKeys(0, 1, 2);
    }

    @Test
    void aDurableProducersAcknowledgedRecordsShowInTheEndOffsetsAndArePositionallyReadable() throws Exception {
        topics.create("records", 1, (short) 1, Map.of());
        try (KafkaProducer<byte[], byte[]> producer = clients.durableProducer("test-producer", 1 << 20, Map.of())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("records", 0, null, ("r" + i).getBytes()))
                        .get();
            }
        }
        assertThat(topics.endOffsets("records", List.of(0))).containsEntry(0, 3L);

        try (KafkaConsumer<byte[], byte[]> consumer = clients.positionedConsumer("test-reader", Map.of())) {
            TopicPartition partition = new TopicPartition("records", 0);
            consumer.assign(Set.of(partition));
            consumer.seek(partition, 1);
            ConsumerRecords<byte[], byte[]> read = consumer.poll(Duration.ofSeconds(10));
            assertThat(read.records(partition))
                    .extracting(r -> new String(r.value()))
                    .containsExactly("r1", "r2");
        }
    }

    @Test
    void setConfigChangesTheTopicAndDeleteIsIdempotent() throws Exception {
        topics.create("configured", 1, (short) 1, Map.of());

        topics.setConfig("configured", "retention.ms", "7200000");
        assertThat(retentionOf("configured")).isEqualTo("7200000");

        topics.delete("configured");
        topics.delete("configured");
        assertThat(admin.listTopics().names().get()).doesNotContain("configured");
    }

    /** A service's defaults yield to the user's spring.kafka.producer.*; the durability settings never do. */
    @Test
    void theUsersProducerSettingsWinOverAServicesDefaultsButNotOverDurability() {
        KafkaClientFactory configured = new KafkaClientFactory(
                Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 16_384, ProducerConfig.ACKS_CONFIG, "1"), Map.of(), Map.of());

        Map<String, Object> settings = configured.durableProducerSettings(
                "p", 1024, Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20, ProducerConfig.LINGER_MS_CONFIG, 5));

        assertThat(settings)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 16_384)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void acknowledgedSendsGiveEachRecordsOffsetInOrderAndSkipTheUnsent() {
        topics.create("acked", 1, (short) 1, Map.of());
        List<ProducerRecord<byte[], byte[]>> batch = new java.util.ArrayList<>();
        batch.add(new ProducerRecord<>("acked", 0, null, "a".getBytes()));
        batch.add(null);
        batch.add(new ProducerRecord<>("acked", 0, null, "b".getBytes()));
        try (KafkaProducer<byte[], byte[]> producer = clients.durableProducer("acks", 1 << 20, Map.of())) {
            List<AcknowledgedSends.Ack> acks = AcknowledgedSends.sendAll(producer, batch, Duration.ofSeconds(30));

            assertThat(acks.get(0).metadata().offset()).isEqualTo(0);
            assertThat(acks.get(1).notSent()).isTrue();
            assertThat(acks.get(2).metadata().offset()).isEqualTo(1);
        }
    }

    @Test
    void aRecordTheBrokerRefusesIsReportedNotThrown() {
        try (KafkaProducer<byte[], byte[]> producer = clients.durableProducer("refused", 1024, Map.of())) {
            List<AcknowledgedSends.Ack> acks = AcknowledgedSends.sendAll(
                    producer,
                    List.of(new ProducerRecord<>("acked-big", 0, null, new byte[4096])),
                    Duration.ofSeconds(30));

            assertThat(acks.get(0).acknowledged()).isFalse();
            assertThat(acks.get(0).failure())
                    .isInstanceOf(org.apache.kafka.common.errors.RecordTooLargeException.class);
        }
    }

    @Test
    void aFailureNamesTheTopic() {
        assertThatThrownBy(() -> topics.ensurePartitions("never-created", 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never-created");
    }

    private static String retentionOf(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get("retention.ms")
                .value();
    }
}
