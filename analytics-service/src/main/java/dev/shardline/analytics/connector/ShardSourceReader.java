package dev.shardline.analytics.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A reader of shards: Flink's single-threaded split reader base over {@link ShardSplitReader}. Finished shards are
 * reported to the enumerator and kept in the reader's state, so that a restore reports them again.
 */
final class ShardSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                ConsumerRecord<byte[], byte[]>, RowData, ShardSplit, ShardSplitState> {

    private final Map<Integer, ShardSplit> finished = new LinkedHashMap<>();
    private final DeserializationSchema<RowData> format;

    ShardSourceReader(
            StreamSource.Settings settings,
            DeserializationSchema<RowData> format,
            List<ReadableMetadata> metadata,
            SourceReaderContext context) {
        this(settings, format, metadata, context, new MillisBehindLatest());
    }

    private ShardSourceReader(
            StreamSource.Settings settings,
            DeserializationSchema<RowData> format,
            List<ReadableMetadata> metadata,
            SourceReaderContext context,
            MillisBehindLatest behind) {
        super(
                () -> new ShardSplitReader(settings, behind),
                new EnvelopeEmitter(settings.engine(), format, metadata),
                new Configuration(),
                context);
        this.format = format;
        // AWS's Kinesis source publishes this gauge per reader; the application's value is the largest of them.
        context.metricGroup().gauge(MillisBehindLatest.GAUGE, behind::value);
    }

    @Override
    public void start() {
        try {
            format.open(new DeserializationSchema.InitializationContext() {
                @Override
                public MetricGroup getMetricGroup() {
                    return context.metricGroup().addGroup("deserializer");
                }

                @Override
                public UserCodeClassLoader getUserCodeClassLoader() {
                    return context.getUserCodeClassLoader();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("The format of the kinesis source did not open", e);
        }
        super.start();
    }

    @Override
    public void addSplits(List<ShardSplit> splits) {
        List<ShardSplit> done = splits.stream().filter(ShardSplit::finished).toList();
        if (!done.isEmpty()) {
            done.forEach(split -> finished.put(split.partition(), split));
            report(done.stream().map(ShardSplit::partition).collect(Collectors.toSet()));
        }
        List<ShardSplit> open = splits.stream().filter(s -> !s.finished()).toList();
        if (!open.isEmpty()) {
            super.addSplits(open);
        }
    }

    @Override
    protected void onSplitFinished(Map<String, ShardSplitState> finishedSplits) {
        Set<Integer> partitions = finishedSplits.values().stream()
                .map(state -> state.split.partition())
                .collect(Collectors.toSet());
        finishedSplits
                .values()
                .forEach(state ->
                        finished.put(state.split.partition(), state.toSplit().asFinished()));
        report(partitions);
    }

    private void report(Set<Integer> partitions) {
        context.sendSourceEventToCoordinator(new ShardsFinished(partitions));
    }

    @Override
    public List<ShardSplit> snapshotState(long checkpointId) {
        List<ShardSplit> state = new ArrayList<>(super.snapshotState(checkpointId));
        state.addAll(finished.values());
        return state;
    }

    @Override
    protected ShardSplitState initializedState(ShardSplit split) {
        return new ShardSplitState(split);
    }

    @Override
    protected ShardSplit toSplitType(String splitId, ShardSplitState state) {
        return state.toSplit();
    }
}
