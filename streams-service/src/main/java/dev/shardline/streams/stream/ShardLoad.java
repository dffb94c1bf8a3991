package dev.shardline.streams.stream;

import dev.shardline.streams.kafka.StreamTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the ON_DEMAND scaler measures of a stream's open shards: records written so far (the partition's end offset,
 * whatever instance wrote them) and bytes written through this instance.
 */
@Component
class ShardLoad {

    private final StreamTopics topics;
    private final ShardWrites writes;

    ShardLoad(StreamTopics topics, ShardWrites writes) {
        this.topics = topics;
        this.writes = writes;
    }

    record Totals(Map<Integer, Long> records, Map<Integer, Long> bytes) {}

    Totals measure(KinesisStream stream, List<ShardView> open) {
        Map<Integer, Long> records = topics.endOffsets(
                stream.topic(), open.stream().map(ShardView::index).toList());
        Map<Integer, Long> bytes = new HashMap<>();
        open.forEach(s -> bytes.put(s.index(), writes.bytesWritten(stream.id(), s.index())));
        return new Totals(records, Map.copyOf(bytes));
    }
}
