package dev.shardline.analytics.connector;

import dev.shardline.kinesis.SequenceNumber;
import java.time.Instant;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

/**
 * The metadata a {@code kinesis} table can read as {@code METADATA FROM '...' VIRTUAL} columns, as AWS's legacy
 * Kinesis connector offers them.
 */
enum ReadableMetadata {
    /** ApproximateArrivalTimestamp. */
    TIMESTAMP("timestamp", DataTypes.TIMESTAMP_LTZ(3).notNull()),
    SHARD_ID("shard-id", DataTypes.VARCHAR(128).notNull()),
    /** The sequence number GetRecords reports for the record. */
    SEQUENCE_NUMBER("sequence-number", DataTypes.VARCHAR(128).notNull());

    final String key;
    final DataType type;

    ReadableMetadata(String key, DataType type) {
        this.key = key;
        this.type = type;
    }

    static ReadableMetadata of(String key) {
        for (ReadableMetadata metadata : values()) {
            if (metadata.key.equals(key)) {
                return metadata;
            }
        }
        throw new IllegalArgumentException("No metadata " + key);
    }

    Object value(ShardSplit split, long offset, Instant arrival) {
        return switch (this) {
            case TIMESTAMP -> TimestampData.fromEpochMillis(arrival.toEpochMilli());
            case SHARD_ID -> StringData.fromString(split.shardId());
            case SEQUENCE_NUMBER ->
                StringData.fromString(new SequenceNumber(
                                split.shardCreatedSeconds(), split.partition(), offset, arrival.getEpochSecond())
                        .toString());
        };
    }
}
