package dev.shardline.streams.kafka;

import dev.shardline.platform.kafka.TopicAdmin;
import dev.shardline.streams.StreamsProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.stereotype.Component;

/**
 * A stream's topic: created with one partition per shard, retention from the stream, deleted with the stream. The
 * topic's settings are the stream's; the (idempotent) administration is the platform's {@link TopicAdmin}.
 */
@Component
public class StreamTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_MESSAGE_BYTES = 11 * 1024 * 1024;

    private final TopicAdmin topics;
    private final StreamsProperties properties;

    StreamTopics(StreamsKafka kafka, StreamsProperties properties) {
        this.topics = new TopicAdmin(kafka.admin(), TIMEOUT);
        this.properties = properties;
    }

    /** Idempotent, so a creation interrupted by a crash can simply be run again; every partition takes writes after. */
    public void create(String topic, int partitions, int retentionHours) {
        topics.create(
                topic,
                partitions,
                properties.topicReplicationFactor(),
                Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        retentionMillis(retentionHours),
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                        "CreateTime",
                        // Kafka deletes whole segments: hourly segments let expired records go within an hour.
                        TopicConfig.SEGMENT_MS_CONFIG,
                        Long.toString(Duration.ofHours(1).toMillis()),
                        // Kafka's 1 MB default is smaller than a 1 MiB Kinesis record plus its key and framing.
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(MAX_MESSAGE_BYTES)));
    }

    /** Grows the topic to at least {@code partitions}: idempotent, as partitions are never removed. */
    public void ensurePartitions(String topic, int partitions) {
        topics.ensurePartitions(topic, partitions);
    }

    /** The next offset of each given partition: where a closed shard's records end. */
    public Map<Integer, Long> endOffsets(String topic, Collection<Integer> partitions) {
        return topics.endOffsets(topic, partitions);
    }

    /** Sets the topic's retention; idempotent, so a change interrupted by a crash can simply be applied again. */
    public void setRetention(String topic, int retentionHours) {
        topics.setConfig(topic, TopicConfig.RETENTION_MS_CONFIG, retentionMillis(retentionHours));
    }

    /** A topic of the service's own events (the stream catalogue), replicated as the stream topics are. */
    public void createCatalog(String topic, int partitions, Map<String, String> configs) {
        topics.create(topic, partitions, properties.topicReplicationFactor(), configs);
    }

    public void delete(String topic) {
        topics.delete(topic);
    }

    private static String retentionMillis(int retentionHours) {
        return Long.toString(Duration.ofHours(retentionHours).toMillis());
    }
}
