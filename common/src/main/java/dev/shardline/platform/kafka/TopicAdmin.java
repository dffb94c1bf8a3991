package dev.shardline.platform.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topic administration every service needs, made idempotent so that a background step interrupted by a crash can
 * simply be run again: creating a topic that exists, growing one to a size it has and deleting one that is gone all
 * succeed. Every call waits at most {@code timeout} and fails with an {@link IllegalStateException} that names the
 * topic.
 */
public class TopicAdmin {

    private final Admin admin;
    private final Duration timeout;

    public TopicAdmin(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Creates the topic with these configs unless it exists, then waits until every partition takes writes: writing to
     * a partition the broker is still creating fails an idempotent producer's first batch and can poison its sequence
     * numbers.
     */
    public void create(String topic, int partitions, short replicationFactor, Map<String, String> configs) {
        NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor).configs(configs);
        await("create", topic, admin.createTopics(List.of(newTopic)).all(), TopicExistsException.class);
        awaitWritable(topic, partitions);
    }

    /** Grows the topic to at least {@code partitions} (partitions are never removed) and waits until they take writes. */
    public void ensurePartitions(String topic, int partitions) {
        int current = await(
                        "describe", topic, admin.describeTopics(List.of(topic)).allTopicNames(), null)
                .get(topic)
                .partitions()
                .size();
        if (current < partitions) {
            await(
                    "add partitions to",
                    topic,
                    admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions)))
                            .all(),
                    null);
        }
        awaitWritable(topic, partitions);
    }

    /** The next offset of each given partition (where its records end). */
    public Map<Integer, Long> endOffsets(String topic, Collection<Integer> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(topic, p), OffsetSpec.latest()));
        Map<Integer, Long> ends = new HashMap<>();
        await("read end offsets of", topic, admin.listOffsets(request).all(), null)
                .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
        return ends;
    }

    /** Sets one config of the topic (e.g. {@code retention.ms}); setting it again is harmless. */
    public void setConfig(String topic, String name, String value) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp set = new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
        await(
                "alter",
                topic,
                admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all(),
                null);
    }

    /** Deletes the topic; one that is already gone is fine. */
    public void delete(String topic) {
        await("delete", topic, admin.deleteTopics(List.of(topic)).all(), UnknownTopicOrPartitionException.class);
    }

    private void awaitWritable(String topic, int partitions) {
        List<Integer> all = IntStream.range(0, partitions).boxed().toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                endOffsets(topic, all);
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for topic " + topic, e);
                }
            }
        }
    }

    private <T> T await(String what, String topic, KafkaFuture<T> future, Class<? extends Throwable> harmless) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (harmless != null && harmless.isInstance(e.getCause())) {
                return null;
            }
            throw new IllegalStateException("Could not " + what + " topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what + " topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not " + what + " topic " + topic + " in time", e);
        }
    }
}
