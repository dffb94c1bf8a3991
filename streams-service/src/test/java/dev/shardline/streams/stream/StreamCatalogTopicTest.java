package dev.shardline.streams.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import dev.shardline.kinesis.catalog.CatalogTopic;
import dev.shardline.platform.kafka.KafkaClientFactory;
import dev.shardline.streams.StreamsIntegrationTest;
import dev.shardline.streams.kafka.StreamTopics;
import dev.shardline.streams.kafka.StreamsKafka;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The stream catalogue travels over Kafka: every change of a stream reaches the catalogue topic in the order of its
 * commits, with the content the streams service's tables give, and the Kafka-backed catalogue that other services read
 * sees a change as soon as the call that made it has answered.
 */
class StreamCatalogTopicTest extends StreamsIntegrationTest {

    private static final String KEY = "alias/aws/kinesis";
    private static final String MIDDLE_OF_SHARD_0 = BigInteger.TWO.pow(126).toString();

    @Autowired
    StreamCatalog catalog;

    @Autowired
    KinesisStreamCatalog tables;

    @Autowired
    KafkaClientFactory kafka;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    StreamsKafka streamsKafka;

    @Autowired
    StreamTopics topics;

    @Test
    void theKafkaCatalogueIsTheOneEveryServiceReads() {
        assertThat(catalog).isInstanceOf(dev.shardline.kinesis.catalog.KafkaStreamCatalog.class);
    }

    @Test
    void createSplitMergeEncryptAndDeleteReachTheTopicInOrderWithTheContentOfTheTables() {
        KinesisClient kinesis = kinesis(false);
        String name = uniqueName();
        kinesis.createStream(r -> r.streamName(name).shardCount(2));
        String arn = arnOf(kinesis, name);
        // Read-your-writes: what a call committed is in the catalogue once the call has answered.
        assertThat(catalog.find(arn)).isPresent();
        awaitActive(kinesis, name);
        awaitSameAsTables(arn);

        kinesis.splitShard(
                r -> r.streamName(name).shardToSplit("shardId-000000000000").newStartingHashKey(MIDDLE_OF_SHARD_0));
        CatalogStream splitting = catalog.find(arn).orElseThrow();
        assertThat(splitting.status().equals("UPDATING") || splitting.shards().size() == 4)
                .as("the split is in the catalogue once SplitShard answered: %s", splitting)
                .isTrue();
        awaitActive(kinesis, name);
        awaitSameAsTables(arn);

        kinesis.mergeShards(r ->
                r.streamName(name).shardToMerge("shardId-000000000002").adjacentShardToMerge("shardId-000000000003"));
        awaitActive(kinesis, name);
        awaitSameAsTables(arn);

        kinesis.startStreamEncryption(
                r -> r.streamName(name).encryptionType(EncryptionType.KMS).keyId(KEY));
        assertThat(catalog.find(arn).orElseThrow().keyId()).isEqualTo(KEY);
        awaitActive(kinesis, name);
        awaitSameAsTables(arn);

        kinesis.deleteStream(r -> r.streamName(name));
        // once DeleteStream has answered, readers no longer see the stream readable: DELETING, or already gone (the
        // background removal may have published the tombstone before this read)
        assertThat(catalog.find(arn).map(CatalogStream::status).orElse("gone")).isIn("DELETING", "gone");
        await().atMost(Duration.ofSeconds(30))
                .ignoreException(ResourceNotFoundException.class)
                .until(() -> {
                    try {
                        kinesis.describeStreamSummary(r -> r.streamName(name));
                        return false;
                    } catch (ResourceNotFoundException gone) {
                        return true;
                    }
                });
        await().atMost(Duration.ofSeconds(5)).until(() -> catalog.find(arn).isEmpty());

        assertThat(withoutRepeats(entriesOnTheTopic(arn)))
                .containsExactly(
                        "CREATING shards=2 open=2 ended=0 key=null",
                        "ACTIVE shards=2 open=2 ended=0 key=null",
                        // the split: stored, switched over (the parent closed, its end not yet fixed), finished
                        "UPDATING shards=2 open=2 ended=0 key=null",
                        "UPDATING shards=4 open=3 ended=0 key=null",
                        "ACTIVE shards=4 open=3 ended=1 key=null",
                        "UPDATING shards=4 open=3 ended=1 key=null",
                        "UPDATING shards=5 open=2 ended=1 key=null",
                        "ACTIVE shards=5 open=2 ended=3 key=null",
                        "UPDATING shards=5 open=2 ended=3 key=" + KEY,
                        "ACTIVE shards=5 open=2 ended=3 key=" + KEY,
                        "DELETING shards=5 open=2 ended=3 key=" + KEY,
                        "tombstone");
    }

    @Test
    void aRestartedPublisherRelaysWhatAnotherLeftInTheOutboxInOrderAndRepublishesEveryStream() {
        KinesisClient kinesis = kinesis(false);
        String name = activeStream(kinesis, 1);
        String arn = arnOf(kinesis, name);
        awaitSameAsTables(arn);
        CatalogStream active = tables.find(arn).orElseThrow();
        CatalogStream updating = new CatalogStream(arn, active.topic(), "UPDATING", active.shards(), active.keyId());
        // An instance that died after committing two changes and before relaying them left their rows behind.
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (CatalogStream entry : List.of(updating, active)) {
            jdbc.sql("insert into streams.catalog_outbox (stream_arn, entry) values (?, ?)")
                    .params(arn, new String(CatalogTopic.write(entry), StandardCharsets.UTF_8))
                    .update();
        }

        CatalogRelay restarted = new CatalogRelay(dataSource, transactions, streamsKafka, topics);
        assertThat(restarted.publishPending()).isTrue();
        assertThat(tables.enqueueAll()).isPositive();
        assertThat(restarted.publishPending()).isTrue();

        List<String> entries = entriesOnTheTopic(arn);
        assertThat(entries.subList(entries.size() - 3, entries.size()))
                .containsExactly(
                        "UPDATING shards=1 open=1 ended=0 key=null",
                        "ACTIVE shards=1 open=1 ended=0 key=null",
                        "ACTIVE shards=1 open=1 ended=0 key=null");
        assertThat(catalog.find(arn)).isEqualTo(tables.find(arn));
        assertThat(jdbc.sql("select count(*) from streams.catalog_outbox where stream_arn = ?")
                        .param(arn)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private String arnOf(KinesisClient kinesis, String name) {
        return kinesis.describeStreamSummary(r -> r.streamName(name))
                .streamDescriptionSummary()
                .streamARN();
    }

    private void awaitSameAsTables(String arn) {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(catalog.find(arn)).isEqualTo(tables.find(arn)));
    }

    /** Every entry of the stream on the catalogue topic, in order, in short. */
    private List<String> entriesOnTheTopic(String arn) {
        TopicPartition partition = new TopicPartition(CatalogTopic.NAME, 0);
        List<String> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.positionedConsumer("catalog-test", Map.of())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (arn.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        entries.add(
                                record.value() == null
                                        ? "tombstone"
                                        : summary(CatalogTopic.read(record.value())
                                                .orElseThrow()));
                    }
                }
            }
        }
        return entries;
    }

    private static String summary(CatalogStream stream) {
        return stream.status() + " shards=" + stream.shards().size() + " open="
                + stream.openShards().size() + " ended="
                + stream.shards().stream()
                        .map(CatalogShard::endingOffset)
                        .filter(Objects::nonNull)
                        .count()
                + " key=" + stream.keyId();
    }

    private static List<String> withoutRepeats(List<String> entries) {
        List<String> distinct = new ArrayList<>();
        for (String entry : entries) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(entry)) {
                distinct.add(entry);
            }
        }
        return distinct;
    }
}
