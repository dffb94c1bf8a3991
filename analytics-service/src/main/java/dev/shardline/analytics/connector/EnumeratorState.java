package dev.shardline.analytics.connector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * What the enumerator checkpoints: shards found but not handed out (children waiting for their parents), the
 * partitions handed out (their position is the readers' state), those read to their end, and whether the first
 * discovery (the one the initial position applies to) is done.
 */
record EnumeratorState(List<ShardSplit> waiting, Set<Integer> assigned, Set<Integer> finished, boolean discovered) {

    EnumeratorState {
        waiting = List.copyOf(waiting);
        assigned = Set.copyOf(assigned);
        finished = Set.copyOf(finished);
    }

    static EnumeratorState initial() {
        return new EnumeratorState(List.of(), Set.of(), Set.of(), false);
    }

    static final class Serializer implements SimpleVersionedSerializer<EnumeratorState> {

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(EnumeratorState state) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(state.waiting.size());
                for (ShardSplit split : state.waiting) {
                    ShardSplit.write(split, out);
                }
                writeSet(state.assigned, out);
                writeSet(state.finished, out);
                out.writeBoolean(state.discovered);
            }
            return bytes.toByteArray();
        }

        @Override
        public EnumeratorState deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int count = in.readInt();
                List<ShardSplit> waiting = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    waiting.add(ShardSplit.read(in));
                }
                return new EnumeratorState(waiting, readSet(in), readSet(in), in.readBoolean());
            }
        }

        private static void writeSet(Set<Integer> set, DataOutputStream out) throws IOException {
            out.writeInt(set.size());
            for (int value : set) {
                out.writeInt(value);
            }
        }

        private static Set<Integer> readSet(DataInputStream in) throws IOException {
            int count = in.readInt();
            Set<Integer> set = new HashSet<>(count);
            for (int i = 0; i < count; i++) {
                set.add(in.readInt());
            }
            return set;
        }
    }
}
