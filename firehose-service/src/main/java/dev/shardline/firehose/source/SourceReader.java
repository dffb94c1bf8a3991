package dev.shardline.firehose.source;

import dev.shardline.firehose.pipeline.BufferedRecord;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** How a delivery worker reads its delivery stream's source: which topic, and what each of its records is. */
public interface SourceReader {

    String topic();

    BufferedRecord read(ConsumerRecord<byte[], byte[]> record);

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
