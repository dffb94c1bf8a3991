package dev.shardline.firehose.ingest;

import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A delivery stream's buffer topic and consumer group, as Kafka's Admin API sees them. */
final class DeliveryGroup {

    private final Admin admin;
    private final String topic;
    private final String groupId;

    DeliveryGroup(Admin admin, DeliveryStreamView stream) {
        this.admin = admin;
        this.topic = stream.topic();
        this.groupId = SourceReaders.groupId(stream);
    }

    List<TopicPartition> partitions() throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    /** Waits until the group has {@code members} members that split the topic's partitions evenly among them. */
    ConsumerGroupDescription awaitMembers(int members, Duration deadline)
            throws ExecutionException, InterruptedException {
        int each = partitions().size() / members;
        return await().atMost(deadline)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(
                        () -> admin.describeConsumerGroups(List.of(groupId))
                                .all()
                                .get()
                                .get(groupId),
                        g -> g.members().size() == members
                                && g.members().stream()
                                        .map(MemberDescription::assignment)
                                        .allMatch(a -> a.topicPartitions().size() == each));
    }

    Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest =
                partitions().stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    /** The committed position of each partition; 0 for one that has none yet. */
    Map<TopicPartition, Long> committed() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (TopicPartition partition : partitions()) {
            OffsetAndMetadata offset = offsets.get(partition);
            committed.put(partition, offset == null ? 0 : offset.offset());
        }
        return committed;
    }

    /** Every partition's committed position is its end: all of it is delivered. */
    boolean fullyCommitted() throws ExecutionException, InterruptedException {
        return committed().equals(endOffsets());
    }

    /** The partition that the member other than {@code member} had in {@code group}, a description of two members. */
    static TopicPartition partitionOfTheOther(ConsumerGroupDescription group, MemberDescription member) {
        return group.members().stream()
                .filter(m -> !m.consumerId().equals(member.consumerId()))
                .flatMap(m -> m.assignment().topicPartitions().stream())
                .findFirst()
                .orElseThrow();
    }
}
