package dev.shardline.firehose.source;

import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.reader.KinesisStreamReader;
import dev.shardline.kinesis.reader.StreamRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kinesis stream as a delivery stream's source: common's {@link KinesisStreamReader} (decrypting, with the shard id
 * and sequence number that GetRecords reports), its records handed on with their Kinesis metadata.
 */
public final class KinesisSourceReader implements SourceReader {

    private final KinesisStreamReader stream;

    public KinesisSourceReader(Source.KinesisStreamSource source, StreamCatalog catalog, DataKeys dataKeys) {
        this.stream = new KinesisStreamReader(source.kinesisStreamArn(), source.topic(), catalog, dataKeys);
    }

    @Override
    public String topic() {
        return stream.topic();
    }

    @Override
    public BufferedRecord read(ConsumerRecord<byte[], byte[]> record) {
        StreamRecord read = stream.read(record);
        return new BufferedRecord(
                read.partition(),
                read.offset(),
                read.arrival(),
                read.data(),
                new BufferedRecord.KinesisMetadata(
                        read.shardId(),
                        read.partitionKey(),
                        read.sequenceNumber().toString(),
                        0,
                        read.arrival()));
    }
}
