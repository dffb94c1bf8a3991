package dev.shardline.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.keys.DataKey;
import dev.shardline.keys.DataKeys;
import dev.shardline.keys.FakeKeyService;
import dev.shardline.keys.KeyScope;
import dev.shardline.keys.KmsProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordEnvelopeEncryptionTest {

    private static final Instant ARRIVAL = Instant.ofEpochMilli(1_764_110_518_123L);

    private final FakeKeyService keyService = new FakeKeyService();
    private final DataKeys dataKeys = new DataKeys(
            keyService,
            new KmsProperties(
                    KmsProperties.Provider.LOCAL,
                    null,
                    Duration.ofMinutes(5),
                    1000,
                    100,
                    new KmsProperties.Aws(null, null)),
            Clock.systemUTC());
    private final DataKey dataKey = keyService.generateDataKey(new KeyScope("000000000000", "us-east-1"), "k");

    @Test
    void theEncryptedFormCarriesNeitherPartitionKeyNorDataInTheClear() {
        RecordEnvelope envelope = new RecordEnvelope("customer-4711", utf8("card 4111 1111 1111 1111"), ARRIVAL);

        ProducerRecord<byte[], byte[]> record = envelope.toProducerRecord("topic", 3, dataKey);

        assertThat(record.partition()).isEqualTo(3);
        assertThat(record.timestamp()).isEqualTo(ARRIVAL.toEpochMilli());
        assertThat(record.key()).isNull();
        assertThat(new String(record.value(), StandardCharsets.ISO_8859_1))
                .doesNotContain("customer-4711")
                .doesNotContain("4111");
        assertThat(record.headers().lastHeader("kinesis.encryption").value()).isEqualTo(utf8("KMS"));
        assertThat(record.headers().lastHeader("kinesis.data-key").value()).isEqualTo(dataKey.wrappedKey());
    }

    @Test
    void anEncryptedRecordReadsBackAsTheEnvelopeThatWasPut() {
        RecordEnvelope envelope = new RecordEnvelope("ключ-🔑", new byte[] {0, 1, 2, (byte) 0xff}, ARRIVAL);

        ConsumerRecord<byte[], byte[]> stored = stored(envelope.toProducerRecord("topic", 0, dataKey));
        RecordEnvelope read = RecordEnvelope.from(stored, dataKeys);

        assertThat(RecordEnvelope.isEncrypted(stored)).isTrue();
        assertThat(read.partitionKey()).isEqualTo("ключ-🔑");
        assertThat(read.data()).containsExactly(0, 1, 2, 0xff);
        assertThat(read.arrival()).isEqualTo(ARRIVAL);
        assertThat(RecordEnvelope.from(
                                stored(new RecordEnvelope("k", new byte[0], ARRIVAL).toProducerRecord("t", 0, dataKey)),
                                dataKeys)
                        .data())
                .isEmpty();
    }

    @Test
    void plainRecordsReadAsBeforeAndEncryptedOnesNeedTheDataKeys() {
        ConsumerRecord<byte[], byte[]> plain =
                stored(new RecordEnvelope("k", utf8("hello"), ARRIVAL).toProducerRecord("topic", 0));
        ConsumerRecord<byte[], byte[]> encrypted =
                stored(new RecordEnvelope("k", utf8("hello"), ARRIVAL).toProducerRecord("topic", 0, dataKey));

        assertThat(RecordEnvelope.isEncrypted(plain)).isFalse();
        assertThat(RecordEnvelope.from(plain, dataKeys).data()).isEqualTo(utf8("hello"));
        assertThat(RecordEnvelope.from(plain).partitionKey()).isEqualTo("k");
        assertThatThrownBy(() -> RecordEnvelope.from(encrypted))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is encrypted");
    }

    @Test
    void anAlteredCiphertextIsRefused() {
        ProducerRecord<byte[], byte[]> record =
                new RecordEnvelope("k", utf8("hello"), ARRIVAL).toProducerRecord("topic", 0, dataKey);
        record.value()[record.value().length - 1] ^= 1;

        assertThatThrownBy(() -> RecordEnvelope.from(stored(record), dataKeys))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was altered");
    }

    private static ConsumerRecord<byte[], byte[]> stored(ProducerRecord<byte[], byte[]> record) {
        return new ConsumerRecord<>(
                record.topic(),
                record.partition(),
                42,
                record.timestamp(),
                TimestampType.CREATE_TIME,
                record.key() == null ? -1 : record.key().length,
                record.value().length,
                record.key(),
                record.value(),
                new RecordHeaders(record.headers().toArray()),
                Optional.empty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
