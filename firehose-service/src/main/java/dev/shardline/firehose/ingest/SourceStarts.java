package dev.shardline.firehose.ingest;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.delivery.SourcePositions;
import dev.shardline.platform.kafka.KafkaClientFactory;
import dev.shardline.platform.kafka.TopicAdmin;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a delivery stream's reading starts and what its deletion removes. A DirectPut stream gets its buffer topic. A
 * Kinesis or MSK source is someone else's topic: the delivery stream's group gets committed offsets at the topic's end
 * (or at ReadFromTimestamp) when the stream turns ACTIVE, so it reads what is put from then on; partitions added later
 * (a shard split) have no committed offset and are read from their beginning. Deleting such a stream deletes its
 * group, never the topic.
 */
@Component
public class SourceStarts implements SourcePositions {

    private static final Logger log = LoggerFactory.getLogger(SourceStarts.class);
    private static final long TIMEOUT_SECONDS = 30;

    // AWS keeps undelivered data for 24 hours; a week leaves room for a destination that stays down longer.
    private static final Duration RETENTION = Duration.ofDays(7);

    private final KafkaClientFactory clients;
    private final Admin admin;
    private final TopicAdmin topics;
    private final FirehoseProperties properties;

    SourceStarts(KafkaClientFactory clients, FirehoseProperties properties) {
        this.clients = clients;
        this.admin = clients.admin("shardline-firehose-admin");
        this.topics = new TopicAdmin(admin, Duration.ofSeconds(TIMEOUT_SECONDS));
        this.properties = properties;
    }

    @PreDestroy
    void close() {
        admin.close();
    }

    /** Makes the stream's source ready to read; idempotent, so a retried activation moves no committed offset. */
    @Override
    public void prepare(DeliveryStreamView stream) {
        Source source = stream.source();
        if (source instanceof Source.KinesisStreamSource kinesis) {
            onCluster(Optional.empty(), admin -> commitStart(admin, stream, kinesis.topic(), null));
        } else if (source instanceof Source.MskSource msk) {
            onCluster(
                    properties.bootstrapServersOf(msk.mskClusterArn()),
                    admin -> commitStart(admin, stream, msk.topicName(), msk.readFromTimestamp()));
        } else {
            // The buffer topic that holds each DirectPut stream's records until they are delivered.
            topics.create(
                    stream.topic(),
                    properties.topicPartitions(),
                    properties.topicReplicationFactor(),
                    Map.of(
                            "retention.ms", String.valueOf(RETENTION.toMillis()),
                            "max.message.bytes", String.valueOf(RecordBuffer.MAX_MESSAGE_BYTES)));
        }
    }

    /** Removes what the stream owns: its buffer topic, or its consumer group on the source's cluster. */
    @Override
    public void release(DeliveryStreamView stream) {
        Source source = stream.source();
        if (source instanceof Source.KinesisStreamSource) {
            onCluster(Optional.empty(), admin -> deleteGroup(admin, stream));
        } else if (source instanceof Source.MskSource msk) {
            onCluster(properties.bootstrapServersOf(msk.mskClusterArn()), admin -> deleteGroup(admin, stream));
        } else {
            topics.delete(stream.topic());
        }
    }

    private Void commitStart(Admin admin, DeliveryStreamView stream, String topic, Instant from) {
        String group = SourceReaders.groupId(stream);
        List<TopicPartition> partitions;
        try {
            partitions = await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
        } catch (UnknownTopicOrPartitionException absent) {
            log.info("Topic {} of {} does not exist yet; it is read from its beginning once it does", topic, group);
            return null;
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        partitions.stream()
                .filter(tp -> committed.get(tp) == null)
                .forEach(tp -> wanted.put(
                        tp, from == null ? OffsetSpec.latest() : OffsetSpec.forTimestamp(from.toEpochMilli())));
        if (wanted.isEmpty()) {
            return null;
        }
        Map<TopicPartition, ListOffsetsResultInfo> found =
                await(admin.listOffsets(wanted).all());
        Map<TopicPartition, OffsetSpec> pastTheEnd = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        found.forEach((tp, info) -> {
            if (info.offset() < 0) {
                pastTheEnd.put(tp, OffsetSpec.latest()); // no record at or after the timestamp yet
            } else {
                start.put(tp, new OffsetAndMetadata(info.offset()));
            }
        });
        if (!pastTheEnd.isEmpty()) {
            await(admin.listOffsets(pastTheEnd).all())
                    .forEach((tp, info) -> start.put(tp, new OffsetAndMetadata(info.offset())));
        }
        await(admin.alterConsumerGroupOffsets(group, start).all());
        log.debug("Delivery of {} starts at {}", stream.ref().name(), start);
        return null;
    }

    private Void deleteGroup(Admin admin, DeliveryStreamView stream) {
        try {
            await(admin.deleteConsumerGroups(List.of(SourceReaders.groupId(stream)))
                    .all());
        } catch (GroupIdNotFoundException alreadyGone) {
            // nothing was ever committed, or a retried deletion
        }
        return null;
    }

    private void onCluster(Optional<String> bootstrapServers, Function<Admin, Void> work) {
        if (bootstrapServers.isEmpty()) {
            work.apply(admin);
            return;
        }
        try (Admin other = clients.admin(
                "shardline-firehose-source-admin",
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get()))) {
            work.apply(other);
        }
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("Kafka admin request failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka admin request timed out", e);
        }
    }
}
