package dev.shardline.firehose.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Connectivity;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.MSKSourceDescription;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** An MSKAsSource delivery stream reads a Kafka topic that a plain producer writes, into S3, exactly once. */
class FirehoseMskSourceTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    /** Not mapped by shardline.firehose.kafka-clusters: the runtime's own Kafka, here the embedded broker. */
    private static final String CLUSTER = "arn:aws:kafka:us-east-1:000000000000:cluster/local/1";

    private FirehoseClient firehose;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void clients() {
        firehose = firehose();
        admin = Admin.create(Map.of("bootstrap.servers", brokers()));
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        producer.close();
        admin.close();
    }

    @Test
    void recordsProducedAfterTheStreamTurnedActiveAreDeliveredAndEarlierOnesAreNot() throws Exception {
        String topic = newTopic(2);
        List<String> before = produce(topic, "before", 20);
        String bucket = newBucket();
        String name = mskStream(bucket, topic, null);

        List<String> after = produce(topic, "after", 200);

        await().atMost(Duration.ofSeconds(30)).until(() -> lines(bucket).size() >= after.size());
        assertThat(lines(bucket)).hasSameSizeAs(after).containsExactlyInAnyOrderElementsOf(after);
        assertThat(lines(bucket)).doesNotContainAnyElementsOf(before);

        DeliveryStreamDescription description =
                firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)).deliveryStreamDescription();
        assertThat(description.deliveryStreamType()).isEqualTo(DeliveryStreamType.MSK_AS_SOURCE);
        MSKSourceDescription msk = description.source().mskSourceDescription();
        assertThat(msk.mskClusterARN()).isEqualTo(CLUSTER);
        assertThat(msk.topicName()).isEqualTo(topic);
        assertThat(msk.authenticationConfiguration().connectivity()).isEqualTo(Connectivity.PRIVATE);
        assertThat(msk.deliveryStartTimestamp()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(description.source().kinesisStreamSourceDescription()).isNull();
    }

    @Test
    void readFromTimestampAtTheEpochReadsTheTopicFromItsBeginning() throws Exception {
        String topic = newTopic(1);
        List<String> all = new ArrayList<>(produce(topic, "old", 30));
        String bucket = newBucket();
        mskStream(bucket, topic, Instant.EPOCH);
        all.addAll(produce(topic, "new", 30));

        await().atMost(Duration.ofSeconds(30)).until(() -> lines(bucket).size() >= all.size());
        assertThat(lines(bucket)).hasSameSizeAs(all).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void putsAreRefusedAndDeletingLeavesTheTopicInPlace() throws Exception {
        String topic = newTopic(1);
        String name = mskStream(newBucket(), topic, null);

        assertThatThrownBy(() -> firehose.putRecord(
                        r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromUtf8String("x")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("This operation is not permitted on MSKAsSource delivery stream type.");
        HttpResponse<String> restPut = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(endpoint().resolve("/v1/delivery-streams/" + name + "/records"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[{\"text\":\"x\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(restPut.statusCode()).isEqualTo(400);
        assertThat(restPut.body()).contains("InvalidArgumentException");
        assertThat(firehose.listDeliveryStreams(r -> r.deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                                .limit(10_000))
                        .deliveryStreamNames())
                .contains(name);
        assertThat(firehose.listDeliveryStreams(r -> r.deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                                .limit(10_000))
                        .deliveryStreamNames())
                .doesNotContain(name);

        firehose.deleteDeliveryStream(r -> r.deliveryStreamName(name));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThatThrownBy(() -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)))
                                .isInstanceOf(ResourceNotFoundException.class));
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
    }

    private String mskStream(String bucket, String topic, Instant readFrom) {
        String name = uniqueName("msk");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                .mskSourceConfiguration(m -> m.mskClusterARN(CLUSTER)
                        .topicName(topic)
                        .readFromTimestamp(readFrom)
                        .authenticationConfiguration(a -> a.roleARN(ROLE).connectivity(Connectivity.PRIVATE)))
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))));
        awaitActive(firehose, name);
        return name;
    }

    private String newTopic(int partitions) throws Exception {
        String topic = uniqueName("msk-topic");
        admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        return topic;
    }

    private List<String> produce(String topic, String label, int count) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = label + "-" + i;
            producer.send(new ProducerRecord<>(
                    topic,
                    null,
                    ("k" + i).getBytes(StandardCharsets.UTF_8),
                    (line + "\n").getBytes(StandardCharsets.UTF_8)));
            lines.add(line);
        }
        producer.flush();
        return lines;
    }

    private List<String> lines(String bucket) {
        List<String> lines = new ArrayList<>();
        for (S3Object object : objects(bucket)) {
            new String(read(bucket, object.key()), StandardCharsets.UTF_8)
                    .lines()
                    .forEach(lines::add);
        }
        return lines;
    }
}
