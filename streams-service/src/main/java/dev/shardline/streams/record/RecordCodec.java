package dev.shardline.streams.record;

import dev.shardline.keys.DataKey;
import dev.shardline.keys.DataKeys;
import dev.shardline.keys.KeyScope;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.streams.stream.EncryptionType;
import dev.shardline.streams.stream.ShardView;
import dev.shardline.streams.stream.StreamView;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

/**
 * How Kinesis records sit in a stream's topic: plain, or for a stream with KMS encryption, sealed under the stream's
 * current data key (the encrypted form of {@link RecordEnvelope}). Reading opens either form, so records put before
 * encryption started, or after it stopped, stay readable.
 */
@Component
class RecordCodec {

    private final DataKeys dataKeys;

    RecordCodec(DataKeys dataKeys) {
        this.dataKeys = dataKeys;
    }

    /**
     * The form that one put call writes its {@code records} records in. The stream's data key is fetched once here,
     * so a KMS error (a disabled key, ...) fails the whole call before anything is written.
     */
    Sealer sealerFor(StreamView stream, int records) {
        if (stream.encryptionType() != EncryptionType.KMS) {
            return Sealer.PLAIN;
        }
        KeyScope scope = new KeyScope(stream.ref().accountId(), stream.ref().region());
        return new Sealer(dataKeys.forEncryption(stream.id().toString(), scope, stream.keyId(), records));
    }

    /** A record as GetRecords returns it, decrypted if it was stored encrypted. */
    StoredRecord decode(ShardView shard, ConsumerRecord<byte[], byte[]> record) {
        RecordEnvelope envelope = RecordEnvelope.from(record, dataKeys);
        return new StoredRecord(
                shard.sequenceNumber(record.offset(), envelope.arrival()).toString(),
                envelope.arrival(),
                envelope.data(),
                envelope.partitionKey(),
                RecordEnvelope.isEncrypted(record));
    }

    /** Writes records plain (without a data key) or sealed under one data key. */
    record Sealer(DataKey dataKey) {

        static final Sealer PLAIN = new Sealer(null);

        ProducerRecord<byte[], byte[]> seal(RecordEnvelope envelope, String topic, int partition) {
            return dataKey == null
                    ? envelope.toProducerRecord(topic, partition)
                    : envelope.toProducerRecord(topic, partition, dataKey);
        }

        boolean encrypts() {
            return dataKey != null;
        }
    }
}
