package dev.shardline.kinesis;

import dev.shardline.keys.DataKey;
import dev.shardline.keys.DataKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How a Kinesis record sits in Kafka: the partition key is the Kafka key (UTF-8), the data blob the value, and the
 * arrival time the record timestamp. The partition is the shard's, chosen by the shard map, never by Kafka. A record
 * of an encrypted stream has an encrypted form instead (see {@link EncryptedRecords}).
 */
public record RecordEnvelope(String partitionKey, byte[] data, Instant arrival) {

    public ProducerRecord<byte[], byte[]> toProducerRecord(String topic, int partition) {
        return new ProducerRecord<>(
                topic, partition, arrival.toEpochMilli(), partitionKey.getBytes(StandardCharsets.UTF_8), data);
    }

    /** The encrypted form: partition key and data sealed with {@code dataKey}, which travels wrapped in a header. */
    public ProducerRecord<byte[], byte[]> toProducerRecord(String topic, int partition, DataKey dataKey) {
        return EncryptedRecords.seal(this, topic, partition, dataKey);
    }

    /** A record in the plain form; an encrypted one needs {@link #from(ConsumerRecord, DataKeys)}. */
    public static RecordEnvelope from(ConsumerRecord<byte[], byte[]> record) {
        if (EncryptedRecords.isEncrypted(record)) {
            throw new IllegalStateException("Record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " is encrypted; read it with the data keys");
        }
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return new RecordEnvelope(key, value, Instant.ofEpochMilli(record.timestamp()));
    }

    /** A record in either form, an encrypted one decrypted with its data key as {@code keys} unwrap it. */
    public static RecordEnvelope from(ConsumerRecord<byte[], byte[]> record, DataKeys keys) {
        return EncryptedRecords.isEncrypted(record) ? EncryptedRecords.open(record, keys) : from(record);
    }

    /** Whether the record is stored encrypted (Kinesis's {@code EncryptionType: KMS}). */
    public static boolean isEncrypted(ConsumerRecord<?, ?> record) {
        return EncryptedRecords.isEncrypted(record);
    }
}
