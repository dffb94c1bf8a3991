package dev.shardline.analytics.connector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One shard of a stream as a split: its partition of the stream's topic, where reading goes on, and its parents'
 * partitions (assigned only after those are finished). A finished split stays in its reader's state so that the
 * enumerator hears of it again after a restore (the event may have been lost between two checkpoints).
 *
 * @param partition the shard's partition
 * @param shardId the shard's id, e.g. {@code shardId-000000000002}
 * @param shardCreatedSeconds when the shard was created (in its records' sequence numbers)
 * @param nextOffset the offset of the next record to read
 * @param parents the partitions of its parent shards
 * @param finished whether it was read to its end
 */
record ShardSplit(
        int partition,
        String shardId,
        long shardCreatedSeconds,
        long nextOffset,
        List<Integer> parents,
        boolean finished)
        implements SourceSplit {

    ShardSplit {
        parents = List.copyOf(parents);
    }

    static String id(int partition) {
        return "partition-" + partition;
    }

    @Override
    public String splitId() {
        return id(partition);
    }

    ShardSplit at(long offset) {
        return new ShardSplit(partition, shardId, shardCreatedSeconds, offset, parents, finished);
    }

    ShardSplit asFinished() {
        return new ShardSplit(partition, shardId, shardCreatedSeconds, nextOffset, parents, true);
    }

    static void write(ShardSplit split, DataOutputStream out) throws IOException {
        out.writeInt(split.partition);
        out.writeUTF(split.shardId);
        out.writeLong(split.shardCreatedSeconds);
        out.writeLong(split.nextOffset);
        out.writeInt(split.parents.size());
        for (int parent : split.parents) {
            out.writeInt(parent);
        }
        out.writeBoolean(split.finished);
    }

    static ShardSplit read(DataInputStream in) throws IOException {
        int partition = in.readInt();
        String shardId = in.readUTF();
        long created = in.readLong();
        long offset = in.readLong();
        int parentCount = in.readInt();
        List<Integer> parents = new ArrayList<>(parentCount);
        for (int i = 0; i < parentCount; i++) {
            parents.add(in.readInt());
        }
        return new ShardSplit(partition, shardId, created, offset, parents, in.readBoolean());
    }

    /** Splits in checkpoints and on their way to readers. */
    static final class Serializer implements SimpleVersionedSerializer<ShardSplit> {

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(ShardSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                write(split, out);
            }
            return bytes.toByteArray();
        }

        @Override
        public ShardSplit deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return read(in);
            }
        }
    }
}
