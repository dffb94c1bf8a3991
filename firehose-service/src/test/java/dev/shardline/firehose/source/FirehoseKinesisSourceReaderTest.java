package dev.shardline.firehose.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.pipeline.BufferedRecord;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A Kinesis stream's Kafka record becomes a record with the shard id and sequence number GetRecords reports. */
class FirehoseKinesisSourceReaderTest {

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
    private final KinesisSourceReader reader =
            new KinesisSourceReader(new Source.KinesisStreamSource(ARN, "role", TOPIC, null), catalog, null);

    @Test
    void aRecordCarriesItsShardPartitionKeyAndSequenceNumber() {
        BufferedRecord record = reader.read(consumerRecord(0, 41, "customer-7", "hello"));

        assertThat(record.data()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(record.arrival()).isEqualTo(ARRIVAL);
        assertThat(record.kinesis().shardId()).isEqualTo("shardId-000000000000");
        assertThat(record.kinesis().partitionKey()).isEqualTo("customer-7");
        assertThat(record.kinesis().subsequenceNumber()).isZero();
        assertThat(SequenceNumber.parse(record.kinesis().sequenceNumber()))
                .contains(new SequenceNumber(SHARD_CREATED.getEpochSecond(), 0, 41, ARRIVAL.getEpochSecond()));
    }

    @Test
    void aPartitionThatAppearsAfterASplitIsLookedUpOnceAgain() {
        reader.read(consumerRecord(0, 0, "a", "x"));
        reader.read(consumerRecord(0, 1, "a", "x"));
        assertThat(lookups).hasValue(1);

        Instant childCreated = SHARD_CREATED.plusSeconds(600);
        shards.add(new CatalogShard("shardId-000000000002", 2, childCreated));
        BufferedRecord child = reader.read(consumerRecord(2, 0, "b", "y"));

        assertThat(lookups).hasValue(2);
        assertThat(child.kinesis().shardId()).isEqualTo("shardId-000000000002");
        assertThat(SequenceNumber.parse(child.kinesis().sequenceNumber())
                        .orElseThrow()
                        .shardCreationSeconds())
                .isEqualTo(childCreated.getEpochSecond());
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
                org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0,
                produced.value().length,
                produced.key(),
                produced.value(),
                produced.headers(),
                Optional.empty());
    }
}
