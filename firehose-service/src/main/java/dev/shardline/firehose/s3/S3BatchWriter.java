package dev.shardline.firehose.s3;

import dev.shardline.firehose.buffer.PendingBatch;
import dev.shardline.firehose.delivery.Compression;
import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.delivery.S3Destination;
import dev.shardline.firehose.pipeline.DestinationWriter;
import dev.shardline.firehose.pipeline.ProcessedBatch;
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
class S3BatchWriter implements DestinationWriter<S3Destination> {

    private static final Logger log = LoggerFactory.getLogger(S3BatchWriter.class);

    private final FirehoseS3 s3;

    S3BatchWriter(FirehoseS3 s3) {
        this.s3 = s3;
    }

    @Override
    public Class<S3Destination> destinationType() {
        return S3Destination.class;
    }

    @Override
    public String metricName() {
        return "S3";
    }

    @Override
    public void write(
            DeliveryStreamView stream, S3Destination destination, PendingBatch batch, ProcessedBatch processed) {
        if (processed.delivered().isEmpty()) {
            return;
        }
        String key = ObjectNames.key(stream, destination, batch.partition(), batch.firstOffset(), batch.firstArrival());
        byte[] body = body(processed, batch.sizeBytes(), destination.compression());
        // Like AWS, no Content-Encoding: readers get the .gz bytes as written.
        s3.put(destination.bucket(), key, body);
        log.debug("Wrote {} records to s3://{}/{}", processed.delivered().size(), destination.bucket(), key);
    }

    private static byte[] body(ProcessedBatch processed, long sizeHint, Compression compression) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, sizeHint));
        try (OutputStream out = compression == Compression.GZIP ? new GZIPOutputStream(bytes) : bytes) {
            for (ProcessedBatch.Output record : processed.delivered()) {
                out.write(record.data());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
