package dev.shardline.firehose.processing;

import dev.shardline.firehose.pipeline.BufferedRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * A record on its way through the processors: where it came from, the id a transformation function sees, its bytes so
 * far and the partition keys found so far. A de-aggregated source record becomes several of these.
 */
record ProcessingRecord(BufferedRecord source, String recordId, byte[] data, Map<String, String> partitionKeys) {

    ProcessingRecord {
        partitionKeys = Map.copyOf(partitionKeys);
    }

    static ProcessingRecord of(BufferedRecord source) {
        return new ProcessingRecord(source, source.recordId(), source.data(), Map.of());
    }

    ProcessingRecord withData(byte[] newData) {
        return new ProcessingRecord(source, recordId, newData, partitionKeys);
    }

    ProcessingRecord withPartitionKeys(Map<String, String> keys) {
        Map<String, String> merged = new HashMap<>(partitionKeys);
        merged.putAll(keys);
        return new ProcessingRecord(source, recordId, data, merged);
    }
}
