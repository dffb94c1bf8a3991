package dev.shardline.streams.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Stream-level metrics under the names CloudWatch gives them ({@code IncomingRecords}, {@code IncomingBytes},
 * {@code GetRecords.Records}, {@code GetRecords.Bytes}, {@code GetRecords.IteratorAgeMilliseconds}), tagged with the
 * stream name, so dashboards written for Kinesis read Shardline's Prometheus endpoint alike.
 */
@Component
class StreamMetrics {

    private final MeterRegistry registry;

    StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void incoming(String stream, long records, long bytes) {
        counter("IncomingRecords", stream).increment(records);
        counter("IncomingBytes", stream).increment(bytes);
    }

    void failedPuts(String stream, long records) {
        counter("PutRecords.FailedRecords", stream).increment(records);
    }

    void read(String stream, long records, long bytes, long iteratorAgeMillis) {
        counter("GetRecords.Records", stream).increment(records);
        counter("GetRecords.Bytes", stream).increment(bytes);
        DistributionSummary.builder("GetRecords.IteratorAgeMilliseconds")
                .tag("stream", stream)
                .baseUnit("milliseconds")
                .register(registry)
                .record(iteratorAgeMillis);
    }

    private Counter counter(String name, String stream) {
        return registry.counter(name, "stream", stream);
    }
}
