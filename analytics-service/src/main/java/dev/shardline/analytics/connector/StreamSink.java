package dev.shardline.analytics.connector;

import dev.shardline.keys.DataKey;
import dev.shardline.keys.DataKeys;
import dev.shardline.keys.KeyScope;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.StreamArn;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.RowData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A Shardline stream as a Flink sink: each row becomes a record envelope in the partition of the shard that PutRecords
 * would route it to (sealed under the stream's data key when the stream is encrypted), written with acks=all and
 * idempotence. At-least-once, like AWS's Kinesis sink: every checkpoint waits until the broker acknowledged all records
 * sent before it, and a failed send fails the job (which restarts from the last checkpoint and writes again what came
 * after it). No Kafka transactions: a GetRecords or KCL reader of the stream would wait behind an open transaction.
 */
final class StreamSink implements Sink<RowData> {

    /**
     * @param engine the engine whose streams these are (see {@link ShardlineStreams})
     * @param streamArn the stream, as the catalog knows it
     * @param topic its Kafka topic, resolved when the job was planned
     * @param kafka producer settings of the cluster that holds the topic
     * @param keyFields positions of the fields whose values, joined by {@code delimiter}, are each record's partition
     *     key; none for a random partition key
     */
    record Settings(
            String engine,
            String streamArn,
            String topic,
            Map<String, String> kafka,
            List<KeyField> keyFields,
            String delimiter)
            implements Serializable {}

    /** One field of the partition key: its position in the row and how to read it. */
    record KeyField(int position, RowData.FieldGetter getter) implements Serializable {}

    private final Settings settings;
    private final SerializationSchema<RowData> format;

    StreamSink(Settings settings, SerializationSchema<RowData> format) {
        this.settings = settings;
        this.format = format;
    }

    @Override
    public SinkWriter<RowData> createWriter(WriterInitContext context) throws IOException {
        try {
            format.open(context.asSerializationSchemaInitializationContext());
        } catch (Exception e) {
            throw new IOException("The format of the kinesis sink did not open", e);
        }
        return new Writer(
                settings, format, context.metricGroup().getIOMetricGroup().getNumRecordsOutCounter());
    }

    static final class Writer implements SinkWriter<RowData> {

        private final Settings settings;
        private final SerializationSchema<RowData> format;
        private final ShardRouter router;
        private final DataKeys dataKeys;
        private final KeyScope keyScope;
        private final String owner = "analytics-sink-" + UUID.randomUUID();
        private final KafkaProducer<byte[], byte[]> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        /** Flink's numRecordsOut of the sink: records the stream acknowledged (the application's numRecordsOut). */
        private final Counter recordsOut;

        Writer(Settings settings, SerializationSchema<RowData> format, Counter recordsOut) {
            this.settings = settings;
            this.format = format;
            this.recordsOut = recordsOut;
            ShardlineStreams.Services services = ShardlineStreams.get(settings.engine());
            this.router = new ShardRouter(services.catalog(), settings.streamArn(), settings.topic());
            this.dataKeys = services.dataKeys();
            StreamArn arn = StreamArn.parse(settings.streamArn());
            this.keyScope = new KeyScope(arn.accountId(), arn.region());
            Map<String, Object> config = new HashMap<>(settings.kafka());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, owner);
            config.keySet()
                    .removeIf(key -> key.startsWith("auto.offset")
                            || key.startsWith("enable.auto")
                            || key.startsWith("isolation")
                            || key.startsWith("max.poll")
                            || key.startsWith("fetch."));
            this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public void write(RowData row, Context context) throws IOException {
            rethrow();
            String partitionKey = partitionKey(row);
            RecordEnvelope envelope = new RecordEnvelope(partitionKey, format.serialize(row), Instant.now());
            CatalogStream stream = router.current();
            int partition = router.partitionOf(partitionKey);
            ProducerRecord<byte[], byte[]> record = stream.keyId() == null
                    ? envelope.toProducerRecord(settings.topic(), partition)
                    : envelope.toProducerRecord(settings.topic(), partition, dataKey(stream));
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    recordsOut.inc();
                }
            });
        }

        private DataKey dataKey(CatalogStream stream) {
            if (dataKeys == null) {
                throw new IllegalStateException(
                        "Stream " + settings.streamArn() + " is encrypted and this runtime has no key service");
            }
            return dataKeys.forEncryption(owner, keyScope, stream.keyId(), 1);
        }

        private String partitionKey(RowData row) {
            if (settings.keyFields().isEmpty()) {
                return UUID.randomUUID().toString();
            }
            StringBuilder key = new StringBuilder();
            for (KeyField field : settings.keyFields()) {
                if (!key.isEmpty() || field != settings.keyFields().get(0)) {
                    key.append(settings.delimiter());
                }
                key.append(field.getter().getFieldOrNull(row));
            }
            String value = key.toString();
            // Kinesis takes partition keys of 1 to 256 characters.
            return value.isEmpty() ? "null" : value.length() > 256 ? value.substring(0, 256) : value;
        }

        /** Called at each checkpoint: returns once every record written before it is on the broker. */
        @Override
        public void flush(boolean endOfInput) throws IOException {
            producer.flush();
            rethrow();
        }

        private void rethrow() throws IOException {
            Exception error = failure.get();
            if (error != null) {
                throw new IOException("Writing to stream " + settings.streamArn() + " failed", error);
            }
        }

        @Override
        public void close() {
            producer.close(java.time.Duration.ofSeconds(10));
        }
    }
}
