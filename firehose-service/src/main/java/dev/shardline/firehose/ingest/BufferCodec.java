package dev.shardline.firehose.ingest;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Encryption;
import dev.shardline.keys.DataKey;
import dev.shardline.keys.DataKeys;
import dev.shardline.keys.KeyScope;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

/**
 * How DirectPut records sit in a delivery stream's buffer topic: plain (the data is the value), or while the stream's
 * server-side encryption is on, in common's encrypted {@link RecordEnvelope} form under a data key of the stream's KMS
 * key. The delivery worker opens either form (SourceReaders), so records put before encryption started or after it
 * stopped still deliver.
 */
@Component
class BufferCodec {

    private final DataKeys dataKeys;

    BufferCodec(DataKeys dataKeys) {
        this.dataKeys = dataKeys;
    }

    /**
     * The form that one put call writes its {@code records} records in. The data key is fetched once here, so a KMS
     * error fails the whole call, as InvalidKMSResourceException, before anything is written.
     */
    Sealer sealerFor(DeliveryStreamView stream, int records) {
        Encryption encryption = stream.encryption();
        if (!encryption.encryptsRecords()) {
            return new Sealer(null);
        }
        KeyScope scope = new KeyScope(stream.ref().accountId(), stream.ref().region());
        try {
            return new Sealer(dataKeys.forEncryption(stream.id().toString(), scope, encryption.keyId(), records));
        } catch (AwsException e) {
            throw AwsErrorType.INVALID_KMS_RESOURCE.exception(
                    "Firehose " + stream.ref().name() + " cannot encrypt with KMS key " + encryption.keyId() + ": "
                            + e.getMessage());
        }
    }

    /** The record's data, decrypted when it was stored encrypted. */
    /** Writes records plain (without a data key) or sealed under one data key. */
    record Sealer(DataKey dataKey) {

        ProducerRecord<byte[], byte[]> seal(String topic, long arrival, byte[] data) {
            if (dataKey == null) {
                return new ProducerRecord<>(topic, null, arrival, null, data);
            }
            ProducerRecord<byte[], byte[]> sealed =
                    new RecordEnvelope("", data, Instant.ofEpochMilli(arrival)).toProducerRecord(topic, 0, dataKey);
            // Kafka's partitioner spreads the records over the buffer's partitions, as it does for plain ones.
            return new ProducerRecord<>(topic, null, arrival, sealed.key(), sealed.value(), sealed.headers());
        }

        boolean encrypts() {
            return dataKey != null;
        }
    }
}
