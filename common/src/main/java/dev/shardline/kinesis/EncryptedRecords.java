package dev.shardline.kinesis;

import dev.shardline.keys.DataKey;
import dev.shardline.keys.DataKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int PREFIX_BYTES = 1 + NONCE_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptedRecords() {}

    static boolean isEncrypted(ConsumerRecord<?, ?> record) {
        return record.headers().lastHeader(ENCRYPTION_HEADER) != null;
    }

    static ProducerRecord<byte[], byte[]> seal(RecordEnvelope envelope, String topic, int partition, DataKey key) {
        byte[] partitionKey = envelope.partitionKey().getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key.plaintextKey(), nonce, 0);
            byte[] keyLength =
                    ByteBuffer.allocate(4).putInt(partitionKey.length).array();
            int plaintextLength = keyLength.length + partitionKey.length + envelope.data().length;
            byte[] value = new byte[PREFIX_BYTES + cipher.getOutputSize(plaintextLength)];
            value[0] = FORMAT;
            System.arraycopy(nonce, 0, value, 1, NONCE_BYTES);
            int written = PREFIX_BYTES;
            written += cipher.update(keyLength, 0, keyLength.length, value, written);
            written += cipher.update(partitionKey, 0, partitionKey.length, value, written);
            cipher.doFinal(envelope.data(), 0, envelope.data().length, value, written);
            List<Header> headers = List.of(
                    new RecordHeader(ENCRYPTION_HEADER, KMS), new RecordHeader(DATA_KEY_HEADER, key.wrappedKey()));
            return new ProducerRecord<>(topic, partition, envelope.arrival().toEpochMilli(), null, value, headers);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Record could not be encrypted", e);
        }
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
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, keys.plaintextOf(wrappedKey.value()), value, 1);
            plaintext = cipher.doFinal(value, PREFIX_BYTES, value.length - PREFIX_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(
                    "Encrypted record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + " was altered",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Record could not be decrypted", e);
        }
        ByteBuffer in = ByteBuffer.wrap(plaintext);
        int keyLength = in.getInt();
        String partitionKey = new String(plaintext, 4, keyLength, StandardCharsets.UTF_8);
        byte[] data = new byte[plaintext.length - 4 - keyLength];
        System.arraycopy(plaintext, 4 + keyLength, data, 0, data.length);
        return new RecordEnvelope(partitionKey, data, Instant.ofEpochMilli(record.timestamp()));
    }

    /** AES-GCM with the nonce at {@code nonceOffset} in {@code source}; the format byte is authenticated too. */
    private static Cipher cipher(int mode, byte[] key, byte[] source, int nonceOffset) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, source, nonceOffset, NONCE_BYTES));
        cipher.updateAAD(new byte[] {FORMAT});
        return cipher;
    }
}
