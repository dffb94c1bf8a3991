package dev.shardline.common.kinesis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How a Kinesis record sits in Kafka: the partition key is the Kafka key (UTF-8), the data blob the value, and the
 * arrival time the record timestamp. The partition is the shard's, chosen by the shard map, never by Kafka.
 */
public record RecordEnvelope(String partitionKey, byte[] data, Instant arrival) {

    public ProducerRecord<byte[], byte[]> toProducerRecord(String topic, int partition) {
        return new ProducerRecord<>(
                topic, partition, arrival.toEpochMilli(), partitionKey.getBytes(StandardCharsets.UTF_8), data);
    }

    public static RecordEnvelope from(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return new RecordEnvelope(key, value, Instant.ofEpochMilli(record.timestamp()));
    }
}
