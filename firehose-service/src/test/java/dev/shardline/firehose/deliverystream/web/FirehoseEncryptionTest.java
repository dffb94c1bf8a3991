package dev.shardline.firehose.deliverystream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.firehose.deliverystream.DeliveryStreamService;
import dev.shardline.keys.KeyDescription;
import dev.shardline.keys.KeyScope;
import dev.shardline.keys.LocalKeyService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.*;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Server-side encryption through the AWS SDK: while it is on, the buffer topic holds no plaintext, S3 gets the
 * plaintext, and records put before Start or after Stop deliver too.
 */
class FirehoseEncryptionTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final KeyScope SCOPE = new KeyScope("000000000000", "us-east-1");

    @Autowired
    private EmbeddedKafkaBroker kafka;

    @Autowired
    private DeliveryStreamService streams;

    @Autowired
    private LocalKeyService keys;

    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose();
    }

    @Test
    void whileEncryptionIsOnTheBufferHoldsNoPlaintextAndS3GetsThePlaintext() {
        String bucket = newBucket();
        String name = activeStream(firehose, bucket, "", 1, 1, "UNCOMPRESSED");
        assertThat(encryption(name).status()).isEqualTo(DeliveryStreamEncryptionStatus.DISABLED);
        assertThat(put(name, "plain-before\n").encrypted()).isFalse();

        firehose.startDeliveryStreamEncryption(r -> r.deliveryStreamName(name)
                .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.AWS_OWNED_CMK)));
        assertThat(encryption(name).status())
                .isIn(DeliveryStreamEncryptionStatus.ENABLING, DeliveryStreamEncryptionStatus.ENABLED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> encryption(name).status() == DeliveryStreamEncryptionStatus.ENABLED);
        assertThat(encryption(name).keyType()).isEqualTo(KeyType.AWS_OWNED_CMK);
        assertThat(encryption(name).keyARN()).isNull();

        assertThat(put(name, "secret-one\n").encrypted()).isTrue();
        PutRecordBatchResponse batch = firehose.putRecordBatch(r -> r.deliveryStreamName(name)
                .records(
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("secret-two\n"))
                                .build(),
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("secret-three\n"))
                                .build()));
        assertThat(batch.encrypted()).isTrue();
        assertThat(batch.failedPutCount()).isZero();

        firehose.stopDeliveryStreamEncryption(r -> r.deliveryStreamName(name));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> encryption(name).status() == DeliveryStreamEncryptionStatus.DISABLED);
        assertThat(put(name, "plain-after\n").encrypted()).isFalse();

        List<String> lines =
                List.of("plain-before\n", "secret-one\n", "secret-two\n", "secret-three\n", "plain-after\n");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String delivered = contents(bucket);
            lines.forEach(line -> assertThat(delivered).containsOnlyOnce(line));
        });

        List<ConsumerRecord<byte[], byte[]>> raw = bufferTopic(name, 5);
        String buffered = raw.stream()
                .map(r -> new String(r.value(), StandardCharsets.ISO_8859_1))
                .reduce("", String::concat);
        assertThat(buffered).contains("plain-before", "plain-after"); // the scan does see plaintext
        assertThat(buffered).doesNotContain("secret");
        assertThat(raw.stream().filter(r -> r.headers().lastHeader("kinesis.encryption") != null))
                .hasSize(3);
    }

    @Test
    void aCustomerManagedKeyMustBeOneTheKeyServiceKnows() {
        String name = activeStream(firehose, "some-bucket", "", 1, 900, "UNCOMPRESSED");
        String unknown = SCOPE.keyArn(UUID.randomUUID().toString());
        assertThatThrownBy(() -> start(name, KeyType.CUSTOMER_MANAGED_CMK, unknown))
                .isInstanceOf(InvalidKmsResourceException.class)
                .hasMessageContaining("does not exist");
        assertThat(encryption(name).status()).isEqualTo(DeliveryStreamEncryptionStatus.DISABLED);
        assertThatThrownBy(() -> start(name, KeyType.CUSTOMER_MANAGED_CMK, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK");
        assertThatThrownBy(() -> start(name, KeyType.CUSTOMER_MANAGED_CMK, "not-an-arn"))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("at 'deliveryStreamEncryptionConfigurationInput.keyARN' failed to satisfy");

        KeyDescription key = keys.createKey(SCOPE, "firehose test key", null);
        start(name, KeyType.CUSTOMER_MANAGED_CMK, key.arn());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> encryption(name).status() == DeliveryStreamEncryptionStatus.ENABLED);
        assertThat(encryption(name).keyARN()).isEqualTo(key.arn());
        assertThat(encryption(name).keyType()).isEqualTo(KeyType.CUSTOMER_MANAGED_CMK);

        KeyDescription disabled = keys.createKey(SCOPE, "disabled key", null);
        keys.setEnabled(SCOPE, disabled.keyId(), false);
        assertThatThrownBy(() -> start(name, KeyType.CUSTOMER_MANAGED_CMK, disabled.arn()))
                .isInstanceOf(InvalidKmsResourceException.class)
                .hasMessageContaining("is disabled");
    }

    @Test
    void encryptionRequestedAtCreationIsOnOnceTheStreamIsActive() {
        String bucket = newBucket();
        String name = uniqueName("sse");
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.AWS_OWNED_CMK))
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))));
        awaitActive(firehose, name);
        assertThat(encryption(name).status()).isEqualTo(DeliveryStreamEncryptionStatus.ENABLED);

        assertThat(put(name, "created-secret\n").encrypted()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> contents(bucket).contains("created-secret\n"));
        assertThat(bufferTopic(name, 1).get(0).headers().lastHeader("kinesis.encryption"))
                .isNotNull();

        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName(uniqueName("sse"))
                        .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK)
                                .keyARN(SCOPE.keyArn(UUID.randomUUID().toString())))
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))))
                .isInstanceOf(InvalidKmsResourceException.class);
    }

    private void start(String name, KeyType type, String keyArn) {
        firehose.startDeliveryStreamEncryption(r -> r.deliveryStreamName(name)
                .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(type).keyARN(keyArn)));
    }

    private PutRecordResponse put(String name, String data) {
        return firehose.putRecord(r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromUtf8String(data))));
    }

    private DeliveryStreamEncryptionConfiguration encryption(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                .deliveryStreamDescription()
                .deliveryStreamEncryptionConfiguration();
    }

    private String contents(String bucket) {
        StringBuilder all = new StringBuilder();
        objects(bucket).forEach(o -> all.append(new String(read(bucket, o.key()), StandardCharsets.UTF_8)));
        return all.toString();
    }

    /** The raw records of the stream's buffer topic, read with a plain consumer outside the service. */
    private List<ConsumerRecord<byte[], byte[]>> bufferTopic(String name, int expected) {
        String topic = streams.describe(new DeliveryStreamRef("000000000000", "us-east-1", name))
                .topic();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}
