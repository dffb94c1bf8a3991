package dev.shardline.kinesis;

import dev.shardline.keys.DataKey;
import dev.shardline.keys.DataKeys;
import dev.shardline.platform.seal.AesGcm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The encrypted form of a {@link RecordEnvelope} (server-side encryption with KMS): the Kafka key is empty, the value
 * is {@code format || nonce || AES-256-GCM(data key, partition key length || partition key || data)}, and headers
 * carry the encryption type and the data key as its KMS key wrapped it. Partition key and data are both encrypted;
 * only the arrival time stays readable, as the Kafka timestamp.
 */
final class EncryptedRecords {

    static final String ENCRYPTION_HEADER = "kinesis.encryption";
    static final String DATA_KEY_HEADER = "kinesis.data-key";

    private static final byte[] KMS = "KMS".getBytes(StandardCharsets.UTF_8);
    private static final byte FORMAT = 1;
    private static final byte[] FORMAT_PREFIX = {FORMAT};
    private static final int PREFIX_BYTES = 1 + AesGcm.NONCE_BYTES;

    private EncryptedRecords() {}

    static boolean isEncrypted(ConsumerRecord<?, ?> record) {
        return record.headers().lastHeader(ENCRYPTION_HEADER) != null;
    }

    static ProducerRecord<byte[], byte[]> seal(RecordEnvelope envelope, String topic, int partition, DataKey key) {
        byte[] partitionKey = envelope.partitionKey().getBytes(StandardCharsets.UTF_8);
        byte[] keyLength = ByteBuffer.allocate(4).putInt(partitionKey.length).array();
        byte[] value =
                AesGcm.seal(key.plaintextKey(), FORMAT_PREFIX, FORMAT_PREFIX, keyLength, partitionKey, envelope.data());
        List<Header> headers =
                List.of(new RecordHeader(ENCRYPTION_HEADER, KMS), new RecordHeader(DATA_KEY_HEADER, key.wrappedKey()));
        return new ProducerRecord<>(topic, partition, envelope.arrival().toEpochMilli(), null, value, headers);
    }

    static RecordEnvelope open(ConsumerRecord<byte[], byte[]> record, DataKeys keys) {
        Header wrappedKey = record.headers().lastHeader(DATA_KEY_HEADER);
        byte[] value = record.value();
        if (wrappedKey == null || value == null || value.length < PREFIX_BYTES || value[0] != FORMAT) {
            throw new IllegalStateException("Encrypted record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " is not in a format this version reads");
        }
        byte[] plaintext;
        try {
            // The format byte is authenticated too.
            plaintext = AesGcm.open(keys.plaintextOf(wrappedKey.value()), value, FORMAT_PREFIX.length, FORMAT_PREFIX);
        } catch (AesGcm.TamperedException e) {
            throw new IllegalStateException(
                    "Encrypted record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + " was altered",
                    e);
        }
        ByteBuffer in = ByteBuffer.wrap(plaintext);
        int keyLength = in.getInt();
        String partitionKey = new String(plaintext, 4, keyLength, StandardCharsets.UTF_8);
        byte[] data = new byte[plaintext.length - 4 - keyLength];
        System.arraycopy(plaintext, 4 + keyLength, data, 0, data.length);
        return new RecordEnvelope(partitionKey, data, Instant.ofEpochMilli(record.timestamp()));
    }
}
