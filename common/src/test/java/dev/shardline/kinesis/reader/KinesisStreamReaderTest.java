package dev.shardline.kinesis.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.SequenceNumber;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.kinesis.StreamCatalog.CatalogStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A Kinesis stream's Kafka record becomes a record with the shard id and sequence number GetRecords reports. */
class KinesisStreamReaderTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";
    private static final String TOPIC = "shardline.stream.1234";
    private static final Instant SHARD_CREATED = Instant.parse("2026-11-26T01:00:00Z");
    private static final Instant ARRIVAL = Instant.parse("2026-11-26T02:00:00.250Z");

    private final List<CatalogShard> shards =
            new ArrayList<>(List.of(new CatalogShard("shardId-000000000000", 0, SHARD_CREATED)));
    private final AtomicInteger lookups = new AtomicInteger();
    private final StreamCatalog catalog = arn -> {
        lookups.incrementAndGet();
        return Optional.of(new CatalogStream(ARN, TOPIC, "ACTIVE", List.copyOf(shards)));
    };
    private final KinesisStreamReader reader = new KinesisStreamReader(ARN, TOPIC, catalog, null);

    @Test
    void aRecordCarriesItsShardPartitionKeyAndSequenceNumber() {
        StreamRecord record = reader.read(consumerRecord(0, 41, "customer-7", "hello"));

        assertThat(record.data()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(record.arrival()).isEqualTo(ARRIVAL);
        assertThat(record.partition()).isZero();
        assertThat(record.offset()).isEqualTo(41);
        assertThat(record.shardId()).isEqualTo("shardId-000000000000");
        assertThat(record.partitionKey()).isEqualTo("customer-7");
        assertThat(record.sequenceNumber())
                .isEqualTo(new SequenceNumber(SHARD_CREATED.getEpochSecond(), 0, 41, ARRIVAL.getEpochSecond()));
    }

    @Test
    void aPartitionThatAppearsAfterASplitIsLookedUpOnceAgain() {
        reader.read(consumerRecord(0, 0, "a", "x"));
        reader.read(consumerRecord(0, 1, "a", "x"));
        assertThat(lookups).hasValue(1);

        Instant childCreated = SHARD_CREATED.plusSeconds(600);
        shards.add(new CatalogShard("shardId-000000000002", 2, childCreated));
        StreamRecord child = reader.read(consumerRecord(2, 0, "b", "y"));

        assertThat(lookups).hasValue(2);
        assertThat(child.shardId()).isEqualTo("shardId-000000000002");
        assertThat(child.sequenceNumber().shardCreationSeconds()).isEqualTo(childCreated.getEpochSecond());
    }

    @Test
    void aPartitionOfNoShardKeepsItsRecordsUnderTheShardIdOfItsIndex() {
        StreamRecord orphan = reader.read(consumerRecord(5, 3, "c", "z"));

        assertThat(orphan.shardId()).isEqualTo("shardId-000000000005");
        assertThat(orphan.sequenceNumber().shardCreationSeconds()).isZero();
        assertThat(orphan.data()).asString(StandardCharsets.UTF_8).isEqualTo("z");
    }

    @Test
    void itsConsumerSeesNewPartitionsWithinSeconds() {
        assertThat(KinesisStreamReader.consumerSettings())
                .containsEntry(ConsumerConfig.METADATA_MAX_AGE_CONFIG, KinesisStreamReader.METADATA_MAX_AGE_MS);
    }

    private static ConsumerRecord<byte[], byte[]> consumerRecord(int partition, long offset, String key, String data) {
        ProducerRecord<byte[], byte[]> produced = new RecordEnvelope(
                        key, data.getBytes(StandardCharsets.UTF_8), ARRIVAL)
                .toProducerRecord(TOPIC, partition);
        return new ConsumerRecord<>(
                TOPIC,
                partition,
                offset,
                produced.timestamp(),
                TimestampType.CREATE_TIME,
                0,
                produced.value().length,
                produced.key(),
                produced.value(),
                produced.headers(),
                Optional.empty());
    }
}
