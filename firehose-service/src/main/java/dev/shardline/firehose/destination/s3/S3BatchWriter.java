package dev.shardline.firehose.destination.s3;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.pipeline.BufferedRecord;
import dev.shardline.firehose.pipeline.Delivered;
import dev.shardline.firehose.pipeline.DestinationWriter;
import dev.shardline.firehose.pipeline.FirehoseMetrics;
import dev.shardline.firehose.pipeline.PendingBatch;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The extended S3 destination: per batch, the source backup (when S3BackupMode is Enabled), the error output of the
 * records that failed, and the delivered records (one object per partition when dynamically partitioned), each at a
 * key derived from the batch's position so a redelivery overwrites what the first delivery wrote.
 */
@Component
class S3BatchWriter implements DestinationWriter<S3Destination> {

    private final FirehoseS3 s3;
    private final Clock clock;
    private final FirehoseMetrics metrics;

    S3BatchWriter(FirehoseS3 s3, Clock clock, FirehoseMetrics metrics) {
        this.metrics = metrics;
        this.s3 = s3;
        this.clock = clock;
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
    public Delivered write(
            DeliveryStreamView stream, S3Destination destination, PendingBatch batch, ProcessedBatch processed) {
        // A record the source reader could not read goes to the error output only, never to the backup.
        write(
                stream,
                destination,
                batch.partition(),
                batch.firstOffset(),
                ProcessedBatch.readable(batch.records()),
                processed);
        return Delivered.all(processed.delivered());
    }

    /** The batch by its position: what {@link #write(DeliveryStreamView, S3Destination, PendingBatch, ProcessedBatch)} needs of it. */
    void write(
            DeliveryStreamView stream,
            S3Destination destination,
            int partition,
            long firstOffset,
            List<BufferedRecord> source,
            ProcessedBatch processed) {
        S3Objects objects = S3Objects.of(stream, destination, partition, firstOffset, clock.instant());
        // Backup and errors first: once the data object exists, a reader may act on the batch.
        if (destination.backup() != null && !source.isEmpty()) {
            metrics.backingUp(stream, source, () -> objects.backup(source).putTo(s3));
        }
        S3Objects.Partitioned partitioned = objects.partition(processed);
        objects.errors(partitioned.failed()).forEach(o -> o.putTo(s3));
        partitioned.data().forEach(o -> o.putTo(s3));
    }
}
