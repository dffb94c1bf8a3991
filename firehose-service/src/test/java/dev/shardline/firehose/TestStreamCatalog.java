package dev.shardline.firehose;

import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import dev.shardline.kinesis.catalog.CatalogTopic;
import dev.shardline.platform.kafka.KafkaClientFactory;
import dev.shardline.platform.kafka.TopicAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The streams service's part in tests of Kinesis-sourced delivery streams, played by the test: it publishes the shard
 * maps it is told on the catalogue topic of the context's broker, as the streams service does, and the service under
 * test learns them as it would in production, through its {@code KafkaStreamCatalog}.
 */
public class TestStreamCatalog implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    TestStreamCatalog(KafkaClientFactory kafka) {
        try (Admin admin = kafka.admin("test-stream-catalog")) {
            new TopicAdmin(admin, Duration.ofSeconds(30))
                    .create(CatalogTopic.NAME, CatalogTopic.PARTITIONS, (short) 1, CatalogTopic.CONFIGS);
        }
        this.producer = kafka.durableProducer("test-stream-catalog", 1024 * 1024, Map.of());
    }

    /** Publishes the stream as ACTIVE with these shards; acknowledged by the broker when this returns. */
    public void describe(String arn, String topic, List<CatalogShard> shards) {
        CatalogStream stream = new CatalogStream(arn, topic, "ACTIVE", shards);
        try {
            producer.send(new ProducerRecord<>(CatalogTopic.NAME, CatalogTopic.key(arn), CatalogTopic.write(stream)))
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The catalogue entry of " + arn + " was not acknowledged", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
