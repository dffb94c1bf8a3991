package dev.shardline.firehose.source;

import dev.shardline.firehose.pipeline.BufferedRecord;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** How a delivery worker reads its delivery stream's source: which topic, and what each of its records is. */
public interface SourceReader {

    String topic();

    BufferedRecord read(ConsumerRecord<byte[], byte[]> record);

    /**
     * Pauses the consumer's partitions whose records must wait for others', and resumes them when they may go: a
     * Kinesis child shard waits until its parents are delivered to their end. Called before each poll and when
     * partitions are assigned; {@code deliveredUpTo} says, for a partition this consumer reads, the first offset not
     * yet at the destination. Other sources read every partition at once.
     */
    default void holdBack(Consumer<?, ?> consumer, ToLongFunction<TopicPartition> deliveredUpTo) {}

    /** The offset after a partition's last record, when no more can come (a closed Kinesis shard); else empty. */
    default OptionalLong endOf(int partition) {
        return OptionalLong.empty();
    }

    /** A DirectPut stream's buffer topic, or an MSK topic: the record's value is the data, its timestamp the arrival. */
    static SourceReader plain(String topic) {
        return of(topic, record -> record.value() == null ? new byte[0] : record.value());
    }

    /** A topic whose record values {@code data} turns into the records' data (a DirectPut buffer opens sealed ones). */
    static SourceReader of(String topic, Function<ConsumerRecord<byte[], byte[]>, byte[]> data) {
        return new SourceReader() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public BufferedRecord read(ConsumerRecord<byte[], byte[]> record) {
                return new BufferedRecord(
                        record.partition(),
                        record.offset(),
                        java.time.Instant.ofEpochMilli(record.timestamp()),
                        data.apply(record),
                        null);
            }
        };
    }
}
