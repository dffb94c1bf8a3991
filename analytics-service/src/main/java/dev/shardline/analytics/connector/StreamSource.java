package dev.shardline.analytics.connector;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;

/**
 * A Shardline stream as a Flink (FLIP-27) source, read straight from its Kafka topic. Flink's own KafkaSource is not
 * used: it hands every partition out as soon as it sees it and cannot hold a child shard back until its parents are
 * read, which per-key order across a split or merge needs. Positions are Flink state (checkpoints and snapshots), not
 * a consumer group's commits.
 */
final class StreamSource implements Source<RowData, ShardSplit, EnumeratorState>, ResultTypeQueryable<RowData> {

    /**
     * @param engine the engine whose streams these are (see {@link ShardlineStreams})
     * @param streamArn the stream, as the catalog knows it
     * @param topic its Kafka topic, resolved when the job was planned
     * @param kafka consumer settings of the cluster that holds the topic
     * @param start where reading starts in the shards found first
     * @param discoveryInterval how often the catalog is asked for new shards
     */
    record Settings(
            String engine,
            String streamArn,
            String topic,
            Map<String, String> kafka,
            StartPosition start,
            Duration discoveryInterval)
            implements Serializable {}

    private final Settings settings;
    private final DeserializationSchema<RowData> format;
    private final List<ReadableMetadata> metadata;
    private final TypeInformation<RowData> producedType;

    /**
     * @param format turns a record's data into the table's physical columns
     * @param metadata the metadata columns that follow them in each row
     * @param producedType the rows' type: physical columns, then metadata
     */
    StreamSource(
            Settings settings,
            DeserializationSchema<RowData> format,
            List<ReadableMetadata> metadata,
            TypeInformation<RowData> producedType) {
        this.settings = settings;
        this.format = format;
        this.metadata = List.copyOf(metadata);
        this.producedType = producedType;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<ShardSplit, EnumeratorState> createEnumerator(SplitEnumeratorContext<ShardSplit> context) {
        return new ShardEnumerator(context, settings, EnumeratorState.initial());
    }

    @Override
    public SplitEnumerator<ShardSplit, EnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<ShardSplit> context, EnumeratorState state) {
        return new ShardEnumerator(context, settings, state);
    }

    @Override
    public SimpleVersionedSerializer<ShardSplit> getSplitSerializer() {
        return new ShardSplit.Serializer();
    }

    @Override
    public SimpleVersionedSerializer<EnumeratorState> getEnumeratorCheckpointSerializer() {
        return new EnumeratorState.Serializer();
    }

    @Override
    public SourceReader<RowData, ShardSplit> createReader(SourceReaderContext context) {
        return new ShardSourceReader(settings, format, metadata, context);
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
