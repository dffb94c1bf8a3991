package dev.shardline.streams.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import dev.shardline.streams.stream.StreamDirectory;
import dev.shardline.streams.stream.StreamRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** A record older than the retention period is never returned, even while Kafka still holds its segment. */
class RetentionTest extends StreamsIntegrationTest {

    @Autowired
    StreamDirectory directory;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void recordsOlderThanTheRetentionPeriodAreNotReturnedAndTrimHorizonStartsAfterThem() throws Exception {
        KinesisClient kinesis = kinesis(true);
        String name = activeStream(kinesis, 1);
        String topic = directory
                .find(new StreamRef("000000000000", "us-east-1", name))
                .orElseThrow()
                .topic();
        // Written straight to Kafka with an arrival 25 hours ago: as if it had outlived the 24-hour retention.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long expired = Instant.now().minus(Duration.ofHours(25)).toEpochMilli();
            producer.send(new ProducerRecord<>(
                            topic,
                            0,
                            expired,
                            "old".getBytes(StandardCharsets.UTF_8),
                            "expired".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        String fresh = kinesis.putRecord(
                        r -> r.streamName(name).partitionKey("new").data(SdkBytes.fromUtf8String("fresh")))
                .sequenceNumber();

        List<Record> fromTrimHorizon = kinesis.getRecords(r ->
                        r.shardIterator(kinesis.getShardIterator(i -> i.streamName(name)
                                        .shardId("shardId-000000000000")
                                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                                .shardIterator()))
                .records();
        List<Record> fromOffsetZero = kinesis.getRecords(r ->
                        r.shardIterator(kinesis.getShardIterator(i -> i.streamName(name)
                                        .shardId("shardId-000000000000")
                                        .shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                                        .timestamp(Instant.now().minus(Duration.ofHours(30))))
                                .shardIterator()))
                .records();

        assertThat(fromTrimHorizon).extracting(r -> r.data().asUtf8String()).containsExactly("fresh");
        assertThat(fromTrimHorizon.get(0).sequenceNumber()).isEqualTo(fresh);
        assertThat(fromOffsetZero).extracting(r -> r.data().asUtf8String()).containsExactly("fresh");
    }
}
