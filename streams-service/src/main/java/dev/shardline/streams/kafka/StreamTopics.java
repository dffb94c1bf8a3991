package dev.shardline.streams.kafka;

import dev.shardline.streams.StreamsProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.stereotype.Component;

/** A stream's topic: created with one partition per shard, retention from the stream, deleted with the stream. */
@Component
public class StreamTopics {

    private static final long TIMEOUT_SECONDS = 30;
    private static final int MAX_MESSAGE_BYTES = 11 * 1024 * 1024;

    private final Admin admin;
    private final StreamsProperties properties;

    StreamTopics(Admin streamsAdmin, StreamsProperties properties) {
        this.admin = streamsAdmin;
        this.properties = properties;
    }

    /** Idempotent, so a creation interrupted by a crash can simply be run again. */
    public void create(String topic, int partitions, int retentionHours) {
        NewTopic newTopic = new NewTopic(topic, partitions, properties.topicReplicationFactor())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(Duration.ofHours(retentionHours).toMillis()),
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                        "CreateTime",
                        // Kafka's 1 MB default is smaller than a 1 MiB Kinesis record plus its key and framing.
                        // Kafka deletes whole segments: hourly segments let expired records go within an hour.
                        TopicConfig.SEGMENT_MS_CONFIG,
                        Long.toString(Duration.ofHours(1).toMillis()),
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(MAX_MESSAGE_BYTES)));
        try {
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("create", topic, e);
        }
        try {
            // The stream turns ACTIVE after this: every shard's partition must take writes by then.
            awaitWritable(topic, partitions);
        } catch (InterruptedException e) {
            throw interrupted("create", topic, e);
        }
    }

    /** Grows the topic to at least {@code partitions}: idempotent, as partitions are never removed. */
    public void ensurePartitions(String topic, int partitions) {
        try {
            int current = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
            if (current < partitions) {
                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions)))
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            awaitWritable(topic, partitions);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not add partitions to topic " + topic, e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("add partitions to", topic, e);
        }
    }

    /**
     * Waits until every partition has a leader that serves its log. Writing to a partition the broker is still
     * creating fails the idempotent producer's first batch and can poison its sequence numbers.
     */
    private void awaitWritable(String topic, int partitions) throws InterruptedException {
        List<Integer> all =
                java.util.stream.IntStream.range(0, partitions).boxed().toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                endOffsets(topic, all);
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
    }

    /** The next offset of each given partition: where a closed shard's records end. */
    public Map<Integer, Long> endOffsets(String topic, Collection<Integer> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(topic, p), OffsetSpec.latest()));
        try {
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(request)
                    .all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
            return ends;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read end offsets of topic " + topic, e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("read end offsets of", topic, e);
        }
    }

    /** Sets the topic's retention; idempotent, so a change interrupted by a crash can simply be applied again. */
    public void setRetention(String topic, int retentionHours) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp retention = new AlterConfigOp(
                new ConfigEntry(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(Duration.ofHours(retentionHours).toMillis())),
                AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(retention)))
                    .all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not set the retention of topic " + topic, e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("alter", topic, e);
        }
    }

    public void delete(String topic) {
        try {
            admin.deleteTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("Could not delete topic " + topic, e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw interrupted("delete", topic, e);
        }
    }

    private static IllegalStateException interrupted(String what, String topic, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("Could not " + what + " topic " + topic + " in time", e);
    }
}
