package dev.shardline.firehose.ingest;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.source.KinesisSourceReader;
import dev.shardline.firehose.source.SourceReader;
import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.RecordEnvelope;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.reader.KinesisStreamReader;
import dev.shardline.platform.kafka.KafkaClientFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Opens what a delivery worker reads: its source's consumer (in the delivery stream's group) and reader. */
@Component
class SourceReaders {

    /**
     * A delivery consumer's settings on top of a group consumer's (offsets committed by hand, after the destination has
     * the data). A batch is processed and delivered between two polls: Lambda retries (up to 300, each up to the
     * invocation timeout) or a slow warehouse load can outlast Kafka's 5 min, which would revoke the partition
     * mid-delivery and replay the batch over and over; heartbeats still detect a dead instance within the session
     * timeout.
     */
    private static final Map<String, Object> DELIVERY = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            1_000,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            RecordBuffer.MAX_MESSAGE_BYTES,
            ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
            4 * RecordBuffer.MAX_MESSAGE_BYTES,
            ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
            (int) Duration.ofMinutes(30).toMillis());

    private final KafkaClientFactory clients;
    private final FirehoseProperties properties;
    private final ObjectProvider<StreamCatalog> catalog;
    private final ObjectProvider<DataKeys> dataKeys;

    SourceReaders(
            KafkaClientFactory clients,
            FirehoseProperties properties,
            ObjectProvider<StreamCatalog> catalog,
            ObjectProvider<DataKeys> dataKeys) {
        this.clients = clients;
        this.properties = properties;
        this.catalog = catalog;
        this.dataKeys = dataKeys;
    }

    static String groupId(DeliveryStreamView stream) {
        return "shardline.firehose." + stream.id();
    }

    /**
     * Why this instance cannot read the stream's source, empty when it can: a Kinesis stream needs the stream
     * catalogue, and the catalogue must know the stream on the topic the delivery stream reads. Checked
     * before a worker joins the delivery group.
     */
    Optional<String> unreadableSource(DeliveryStreamView stream) {
        if (!(stream.source() instanceof Source.KinesisStreamSource kinesis)) {
            return Optional.empty();
        }
        StreamCatalog streams = catalog.getIfAvailable();
        if (streams == null) {
            return Optional.of("it reads a Kinesis stream, which needs the streams service in the same runtime");
        }
        boolean known = streams.find(kinesis.kinesisStreamArn())
                .filter(s -> s.topic().equals(kinesis.topic()))
                .isPresent();
        return known
                ? Optional.empty()
                : Optional.of("this instance's stream catalogue does not know " + kinesis.kinesisStreamArn()
                        + " on topic " + kinesis.topic());
    }

    SourceReader readerOf(DeliveryStreamView stream) {
        Source source = stream.source();
        if (source instanceof Source.KinesisStreamSource kinesis) {
            StreamCatalog streams = catalog.getIfAvailable();
            if (streams == null) {
                throw new IllegalStateException(stream.ref().name()
                        + " reads a Kinesis stream, which needs the streams service in the same runtime");
            }
            return new KinesisSourceReader(kinesis, streams, dataKeys.getIfAvailable());
        }
        if (source instanceof Source.MskSource msk) {
            return SourceReader.plain(msk.topicName());
        }
        // The buffer holds records sealed while the stream's encryption was on, and plain ones put before or after.
        DataKeys keys = dataKeys.getObject();
        return SourceReader.of(
                stream.topic(), record -> RecordEnvelope.from(record, keys).data());
    }

    KafkaConsumer<byte[], byte[]> newConsumer(DeliveryStreamView stream) {
        Source source = stream.source();
        if (source instanceof Source.KinesisStreamSource) {
            return KinesisStreamReader.groupConsumer(clients, groupId(stream), DELIVERY);
        }
        if (source instanceof Source.MskSource msk) {
            return properties
                    .bootstrapServersOf(msk.mskClusterArn())
                    .map(servers -> clients.groupConsumer(
                            groupId(stream), with(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers)))
                    .orElseGet(() -> clients.groupConsumer(groupId(stream), DELIVERY));
        }
        return clients.groupConsumer(groupId(stream), DELIVERY);
    }

    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> settings = new HashMap<>(DELIVERY);
        settings.put(name, value);
        return settings;
    }
}
