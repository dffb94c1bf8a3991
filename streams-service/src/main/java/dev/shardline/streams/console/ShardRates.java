package dev.shardline.streams.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Per-shard write and read rates for the console, from the counters the data plane already keeps for Prometheus
 * ({@code shard.IncomingRecords}, {@code shard.IncomingBytes}, {@code shard.OutgoingRecords},
 * {@code shard.OutgoingBytes}, tagged with stream and shard). The counters are sampled when a page asks, at most once
 * a second per stream, and a rate is the change over the last few seconds of samples, whoever asked for them: many
 * viewers of one stream share the samples.
 */
@Component
public class ShardRates {

    static final String[] METERS = {
        "shard.IncomingRecords", "shard.IncomingBytes", "shard.OutgoingRecords", "shard.OutgoingBytes"
    };
    private static final long MIN_INTERVAL_NANOS = Duration.ofMillis(900).toNanos();
    private static final long WINDOW_NANOS = Duration.ofSeconds(10).toNanos();

    private final MeterRegistry registry;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    ShardRates(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Totals since this instance started: records in, bytes in, records out, bytes out. */
    private record Sample(long nanos, Map<String, double[]> totals) {}

    /** A shard's rates per second over the last seconds, and its totals since this instance started. */
    public record Rate(
            double recordsIn, double bytesIn, double recordsOut, double bytesOut, long totalIn, long totalOut) {
        public static final Rate NONE = new Rate(0, 0, 0, 0, 0, 0);
    }

    /** The stream's shard rates by shard id (shards with no traffic since the start are absent). */
    public Map<String, Rate> rates(String streamName) {
        Sample now = sample(streamName);
        Deque<Sample> history = samples.computeIfAbsent(streamName, name -> new ArrayDeque<>());
        Sample oldest;
        synchronized (history) {
            while (!history.isEmpty() && now.nanos() - history.peekFirst().nanos() > WINDOW_NANOS) {
                history.pollFirst();
            }
            if (history.isEmpty() || now.nanos() - history.peekLast().nanos() >= MIN_INTERVAL_NANOS) {
                history.addLast(now);
            }
            oldest = history.peekFirst();
        }
        double seconds = (now.nanos() - oldest.nanos()) / 1e9;
        Map<String, Rate> rates = new HashMap<>();
        now.totals().forEach((shard, current) -> {
            double[] before = oldest.totals().getOrDefault(shard, new double[4]);
            rates.put(
                    shard,
                    seconds < 0.5
                            ? new Rate(0, 0, 0, 0, (long) current[0], (long) current[2])
                            : new Rate(
                                    (current[0] - before[0]) / seconds,
                                    (current[1] - before[1]) / seconds,
                                    (current[2] - before[2]) / seconds,
                                    (current[3] - before[3]) / seconds,
                                    (long) current[0],
                                    (long) current[2]));
        });
        return rates;
    }

    /** The largest iterator age GetRecords reported for the stream lately (milliseconds), or -1 if none was read. */
    public long iteratorAgeMillis(String streamName) {
        DistributionSummary summary = registry.find("GetRecords.IteratorAgeMilliseconds")
                .tag("stream", streamName)
                .summary();
        return summary == null || summary.count() == 0 ? -1 : (long) summary.max();
    }

    private Sample sample(String streamName) {
        Map<String, double[]> totals = new HashMap<>();
        for (int i = 0; i < METERS.length; i++) {
            int column = i;
            for (Counter counter :
                    registry.find(METERS[i]).tag("stream", streamName).counters()) {
                String shard = counter.getId().getTag("shard");
                if (shard != null) {
                    totals.computeIfAbsent(shard, s -> new double[4])[column] += counter.count();
                }
            }
        }
        return new Sample(System.nanoTime(), totals);
    }
}
