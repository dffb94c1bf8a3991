package dev.shardline.firehose.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.TestFirehoseApplication;
import dev.shardline.firehose.TestStreamCatalog;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Kinesis-sourced delivery stream whose stream holds a record the delivery worker cannot read (marked encrypted, in
 * no format a reader knows): the record goes to the S3 error output as AWS writes processing failures, is counted and
 * logged once, and the records after it are delivered, the group's offset committed past it. And an instance whose
 * stream catalogue does not know the stream keeps out of the delivery stream's consumer group, where it would hold the
 * partition it cannot deliver. Every stream, topic and bucket has a name of its own: other test contexts on the same
 * database see these delivery streams too, and must leave them alone.
 */
@Import(TestStreamCatalog.class)
class FirehoseKinesisPoisonRecordTest extends FirehoseIntegrationTest {

    @Autowired
    TestStreamCatalog catalog;

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MeterRegistry meters;

    @Autowired
    DeliveryStreamService streams;

    private FirehoseClient firehose;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private final List<String> created = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<Logger> watched = List.of(logger(DeliveryWorker.class), logger(UnreadableSources.class));

    @BeforeEach
    void clients() {
        firehose = firehose();
        admin = Admin.create(Map.of("bootstrap.servers", brokers()));
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        logged.start();
        watched.forEach(l -> l.addAppender(logged));
    }

    @AfterEach
    void close() {
        watched.forEach(l -> l.detachAppender(logged));
        for (String name : created) {
            firehose.deleteDeliveryStream(r -> r.deliveryStreamName(name));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !firehose.listDeliveryStreams(r -> r.limit(10_000))
                            .deliveryStreamNames()
                            .contains(name));
        }
        producer.close();
        admin.close();
        firehose.close();
    }

    @Test
    void aRecordTheWorkerCannotReadGoesToTheErrorOutputAndDeliveryGoesOn() throws Exception {
        String topic = kinesisStream("poison");
        String bucket = newBucket();
        String name = kinesisSourced(arnOf(topic), bucket);

        put(topic, "before-0");
        put(topic, "before-1");
        byte[] poison = "\u0007not a sealed record".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> sealed = new ProducerRecord<>(topic, 0, null, poison);
        sealed.headers().add("kinesis.encryption", "KMS".getBytes(StandardCharsets.UTF_8));
        producer.send(sealed).get(30, TimeUnit.SECONDS);
        put(topic, "after-0");
        put(topic, "after-1");

        await().atMost(DEADLINE).until(() -> dataLines(bucket).containsAll(List.of("after-0", "after-1")));
        assertThat(dataLines(bucket)).containsExactlyInAnyOrder("before-0", "before-1", "after-0", "after-1");

        List<S3Object> errors = errorObjects(bucket);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).key()).startsWith("errors/processing-failed/");
        List<String> lines = new String(read(bucket, errors.get(0).key()), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(lines).hasSize(1);
        JsonNode error = JSON.readTree(lines.get(0));
        assertThat(error.path("errorCode").asString()).isEqualTo("Source.RecordUnreadable");
        assertThat(error.path("errorMessage").asString())
                .containsIgnoringCase("encrypted")
                .hasSizeLessThan(400);
        assertThat(Base64.getDecoder().decode(error.path("rawData").asString())).isEqualTo(poison);
        assertThat(error.path("attemptsMade").asInt()).isEqualTo(1);

        await().atMost(DEADLINE).until(() -> unreadableCount(name) == 1.0);

        List<ILoggingEvent> warnings = logged.list.stream()
                .filter(e -> e.getLoggerName().equals(DeliveryWorker.class.getName()))
                .filter(e -> e.getLevel() == Level.WARN)
                .filter(e -> e.getFormattedMessage().contains(name))
                .toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage())
                .contains("Source.RecordUnreadable")
                .hasSizeLessThan(600);
        assertThat(warnings.get(0).getThrowableProxy()).isNull();

        await().atMost(DEADLINE).until(() -> committed(topic) == 5L);
    }

    @Test
    void anInstanceWhoseCatalogueDoesNotKnowTheStreamStaysOutOfItsConsumerGroup() throws Exception {
        String topic = kinesisStream("unknown-elsewhere");
        String bucket = newBucket();
        String name = kinesisSourced(arnOf(topic), bucket);
        await().atMost(DEADLINE).until(() -> members(name) == 1);
        UUID id = streamId(name);

        try (ConfigurableApplicationContext blind = new SpringApplicationBuilder(
                        TestFirehoseApplication.class, EmptyCatalog.class)
                .run(SecondInstance.arguments(brokers()).toArray(String[]::new))) {
            DeliveryWorkers blindWorkers = blind.getBean(DeliveryWorkers.class);
            // Its first reconciliation has seen the stream: it either keeps out for want of the source, or joins.
            await().atMost(DEADLINE).until(() -> blindWorkers.waitsForSource(id) || members(name) > 1);
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() -> members(name) <= 1);
            assertThat(blindWorkers.waitsForSource(id))
                    .as("the instance keeps the stream's worker out for want of its source")
                    .isTrue();
            put(topic, "while-blind");
            await().atMost(DEADLINE).until(() -> dataLines(bucket).contains("while-blind"));
            assertThat(members(name)).isEqualTo(1);
        }
    }

    /** A stream of one shard on a topic of its own, described by the catalogue of this test's context. */
    private String kinesisStream(String label) throws Exception {
        String topic = "shardline.stream." + uniqueName(label);
        admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        catalog.describe(arnOf(topic), topic, List.of(new CatalogShard("shardId-000000000000", 0, Instant.now())));
        return topic;
    }

    private static String arnOf(String topic) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + topic.substring("shardline.stream.".length());
    }

    private String kinesisSourced(String arn, String bucket) {
        String name = uniqueName("poison-delivery");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(arn).roleARN(ROLE))
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .prefix("data/")
                        .errorOutputPrefix("errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))));
        created.add(name);
        awaitActive(firehose, name);
        return name;
    }

    private void put(String topic, String line) throws Exception {
        producer.send(new RecordEnvelope("key", (line + "\n").getBytes(StandardCharsets.UTF_8), Instant.now())
                        .toProducerRecord(topic, 0))
                .get(30, TimeUnit.SECONDS);
    }

    private List<String> dataLines(String bucket) {
        List<String> lines = new ArrayList<>();
        for (S3Object object : objects(bucket)) {
            if (object.key().startsWith("data/")) {
                new String(read(bucket, object.key()), StandardCharsets.UTF_8)
                        .lines()
                        .forEach(lines::add);
            }
        }
        return lines;
    }

    private List<S3Object> errorObjects(String bucket) {
        return objects(bucket).stream()
                .filter(o -> !o.key().startsWith("data/"))
                .toList();
    }

    /** The offset committed for the topic's partition by whichever group reads it. */
    private long committed(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        for (String group : groups()) {
            OffsetAndMetadata offset = committedOffsets(group).get(partition);
            if (offset != null) {
                return offset.offset();
            }
        }
        return -1;
    }

    private UUID streamId(String name) {
        return stream(name).id();
    }

    private DeliveryStreamView stream(String name) {
        return streams.active().stream()
                .filter(s -> s.ref().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** How many members the delivery stream's consumer group has, on any instance. */
    private int members(String name) throws Exception {
        DeliveryStreamView stream = stream(name);
        String group = SourceReaders.groupId(stream);
        return admin.describeConsumerGroups(List.of(group))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(group)
                .members()
                .size();
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
    }

    private List<String> groups() throws Exception {
        return admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId)
                .toList();
    }

    private double unreadableCount(String name) {
        Counter counter = meters.find("firehose.SourceRecords.Unreadable")
                .tag("deliveryStream", name)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static Logger logger(Class<?> type) {
        return (Logger) LoggerFactory.getLogger(type);
    }

    /**
     * The catalogue of an instance that knows no stream (another deployment's streams service, or none yet). Not a
     * {@code @Configuration}, which the test context would pick up too: the second instance names it as a source.
     */
    static class EmptyCatalog {

        // Primary over the Kafka catalogue the instance also has: this one does not know the stream yet.
        @Bean
        @Primary
        StreamCatalog emptyCatalog() {
            return arn -> Optional.empty();
        }
    }
}
