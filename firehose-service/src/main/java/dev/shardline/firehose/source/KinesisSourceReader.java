package dev.shardline.firehose.source;

import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.keys.DataKeys;
import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.reader.KinesisStreamReader;
import dev.shardline.kinesis.reader.StreamRecord;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kinesis stream as a delivery stream's source: common's {@link KinesisStreamReader} (decrypting, with the shard id
 * and sequence number that GetRecords reports), its records handed on with their Kinesis metadata. Across a resharding
 * a child shard is delivered only after its parents are delivered to their end, so a partition key's records reach the
 * destination in the order they were put. A parent that this instance reads counts by what it delivered; one that
 * another instance reads counts by the group's commit, which that instance makes only once its batch is at the
 * destination: the child waits for that batch's delivery, up to a buffering interval after the parent's last record.
 * (An instance that holds a child cuts its parent's last batch as soon as the last record is in, so within one
 * instance the child does not wait out the interval.)
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
    public void holdBack(Consumer<?, ?> consumer, ToLongFunction<TopicPartition> deliveredUpTo) {
        stream.holdChildren(consumer, deliveredUpTo);
    }

    @Override
    public OptionalLong endOf(int partition) {
        return stream.endingOffset(partition);
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
