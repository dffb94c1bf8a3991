package dev.shardline.streams.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Stream-level metrics under the names CloudWatch gives them ({@code IncomingRecords}, {@code IncomingBytes},
 * {@code GetRecords.Records}, {@code GetRecords.Bytes}, {@code GetRecords.IteratorAgeMilliseconds},
 * {@code WriteProvisionedThroughputExceeded}, {@code ReadProvisionedThroughputExceeded}), tagged with the stream name,
 * plus shard-level ones ({@code shard.IncomingRecords}, {@code shard.OutgoingBytes}, ...) tagged with stream and shard,
 * so hot and cold shards are visible and dashboards written for Kinesis read Shardline's Prometheus endpoint alike.
 */
@Component
class StreamMetrics {

    private final MeterRegistry registry;

    StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one PutRecord(s) call's records, per stream and per shard, and records them at once. */
    Tally tally(String stream) {
        return new Tally(stream);
    }

    final class Tally {
        private final String stream;
        private final Map<String, long[]> byShard = new HashMap<>();

        private Tally(String stream) {
            this.stream = stream;
        }

        /** {records, bytes, failed, throttled} per shard. */
        void put(String shardId, long bytes, boolean failed, boolean throttled) {
            long[] counts = byShard.computeIfAbsent(shardId, id -> new long[4]);
            if (!failed) {
                counts[0]++;
                counts[1] += bytes;
            } else {
                counts[2]++;
            }
            if (throttled) {
                counts[3]++;
            }
        }

        void record() {
            long records = 0;
            long bytes = 0;
            long failed = 0;
            long throttled = 0;
            for (Map.Entry<String, long[]> shard : byShard.entrySet()) {
                long[] c = shard.getValue();
                shardCounter("IncomingRecords", stream, shard.getKey()).increment(c[0]);
                shardCounter("IncomingBytes", stream, shard.getKey()).increment(c[1]);
                if (c[3] > 0) {
                    shardCounter("WriteProvisionedThroughputExceeded", stream, shard.getKey())
                            .increment(c[3]);
                }
                records += c[0];
                bytes += c[1];
                failed += c[2];
                throttled += c[3];
            }
            counter("IncomingRecords", stream).increment(records);
            counter("IncomingBytes", stream).increment(bytes);
            if (failed > 0) {
                counter("PutRecords.FailedRecords", stream).increment(failed);
            }
            if (throttled > 0) {
                counter("WriteProvisionedThroughputExceeded", stream).increment(throttled);
            }
        }
    }

    void read(String stream, String shardId, long records, long bytes, long iteratorAgeMillis) {
        counter("GetRecords.Records", stream).increment(records);
        counter("GetRecords.Bytes", stream).increment(bytes);
        shardCounter("OutgoingRecords", stream, shardId).increment(records);
        shardCounter("OutgoingBytes", stream, shardId).increment(bytes);
        DistributionSummary.builder("GetRecords.IteratorAgeMilliseconds")
                .tag("stream", stream)
                .baseUnit("milliseconds")
                .register(registry)
                .record(iteratorAgeMillis);
    }

    void readThrottled(String stream, String shardId) {
        counter("ReadProvisionedThroughputExceeded", stream).increment();
        shardCounter("ReadProvisionedThroughputExceeded", stream, shardId).increment();
    }

    private Counter counter(String name, String stream) {
        return registry.counter(name, "stream", stream);
    }

    /** Shard-level metrics carry CloudWatch's names under a {@code shard.} prefix, tagged with stream and shard. */
    private Counter shardCounter(String name, String stream, String shardId) {
        return registry.counter("shard." + name, "stream", stream, "shard", shardId);
    }
}
