package dev.shardline.firehose.ingest;

import dev.shardline.firehose.FirehoseProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.stereotype.Component;

/** The Kafka topic that buffers each delivery stream's records until they are delivered. */
@Component
public class BufferTopics {

    // AWS keeps undelivered data for 24 hours; a week leaves room for a destination that stays down longer.
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final long TIMEOUT_SECONDS = 30;

    private final FirehoseKafka kafka;
    private final FirehoseProperties properties;

    BufferTopics(FirehoseKafka kafka, FirehoseProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Creates the topic; one that already exists (a transition retried after a crash) is fine. */
    public void create(String topic) {
        NewTopic newTopic = new NewTopic(topic, properties.topicPartitions(), properties.topicReplicationFactor())
                .configs(Map.of(
                        "retention.ms", String.valueOf(RETENTION.toMillis()),
                        "max.message.bytes", String.valueOf(FirehoseKafka.MAX_MESSAGE_BYTES)));
        await(kafka.admin().createTopics(List.of(newTopic)).all(), TopicExistsException.class);
    }

    /** Deletes the topic; one that is already gone is fine. */
    public void delete(String topic) {
        await(kafka.admin().deleteTopics(List.of(topic)).all(), UnknownTopicOrPartitionException.class);
    }

    private static void await(org.apache.kafka.common.KafkaFuture<Void> future, Class<?> harmless) {
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!harmless.isInstance(e.getCause())) {
                throw new IllegalStateException("Kafka admin request failed", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka admin request timed out", e);
        }
    }
}
