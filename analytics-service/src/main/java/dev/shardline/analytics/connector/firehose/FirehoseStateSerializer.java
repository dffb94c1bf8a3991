package dev.shardline.analytics.connector.firehose;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.Record;

/** The records a writer had buffered but not sent when a checkpoint was taken: their data, length-prefixed. */
final class FirehoseStateSerializer extends AsyncSinkWriterStateSerializer<Record> {

    @Override
    protected void serializeRequestToStream(Record request, DataOutputStream out) throws IOException {
        byte[] data = request.data().asByteArrayUnsafe();
        out.writeInt(data.length);
        out.write(data);
    }

    @Override
    protected Record deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        byte[] data = new byte[in.readInt()];
        in.readFully(data);
        return Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build();
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
