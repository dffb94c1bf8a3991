package dev.shardline.firehose.s3;

import dev.shardline.firehose.buffer.BatchSink;
import dev.shardline.firehose.buffer.PendingBatch;
import dev.shardline.firehose.delivery.Compression;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The extended S3 destination: one object per batch, its records concatenated as they came (Firehose adds no
 * delimiter), compressed as configured, at a key derived from the batch's position so a redelivery overwrites it.
 */
@Component
class S3BatchWriter implements BatchSink {

    private static final Logger log = LoggerFactory.getLogger(S3BatchWriter.class);

    private final FirehoseS3 s3;

    S3BatchWriter(FirehoseS3 s3) {
        this.s3 = s3;
    }

    @Override
    public void deliver(DeliveryStreamView stream, PendingBatch batch) {
        String key = ObjectNames.key(stream, batch.partition(), batch.firstOffset(), batch.firstArrival());
        Compression compression = stream.destination().compression();
        byte[] body = body(batch, compression);
        // Like AWS, no Content-Encoding: readers get the .gz bytes as written.
        s3.put(stream.destination().bucket(), key, body);
        log.debug(
                "Wrote {} records to s3://{}/{}",
                batch.records().size(),
                stream.destination().bucket(),
                key);
    }

    private static byte[] body(PendingBatch batch, Compression compression) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, batch.sizeBytes()));
        try (OutputStream out = compression == Compression.GZIP ? new GZIPOutputStream(bytes) : bytes) {
            for (byte[] record : batch.records()) {
                out.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
