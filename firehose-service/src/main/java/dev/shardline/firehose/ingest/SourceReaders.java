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
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Opens what a delivery worker reads: its source's consumer (in the delivery stream's group) and reader. */
@Component
class SourceReaders {

    private final FirehoseKafka kafka;
    private final FirehoseProperties properties;
    private final ObjectProvider<StreamCatalog> catalog;
    private final ObjectProvider<DataKeys> dataKeys;

    SourceReaders(
            FirehoseKafka kafka,
            FirehoseProperties properties,
            ObjectProvider<StreamCatalog> catalog,
            ObjectProvider<DataKeys> dataKeys) {
        this.kafka = kafka;
        this.properties = properties;
        this.catalog = catalog;
        this.dataKeys = dataKeys;
    }

    static String groupId(DeliveryStreamView stream) {
        return "shardline.firehose." + stream.id();
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
            return kafka.newDeliveryConsumer(groupId(stream), KinesisStreamReader.consumerSettings());
        }
        if (source instanceof Source.MskSource msk) {
            return properties
                    .bootstrapServersOf(msk.mskClusterArn())
                    .map(servers -> kafka.newDeliveryConsumer(
                            groupId(stream), Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers)))
                    .orElseGet(() -> kafka.newDeliveryConsumer(groupId(stream)));
        }
        return kafka.newDeliveryConsumer(groupId(stream));
    }
}
