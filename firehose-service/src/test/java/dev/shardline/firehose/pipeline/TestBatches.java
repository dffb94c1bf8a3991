package dev.shardline.firehose.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds the batches a delivery worker would cut, for tests of what happens to a batch after it. */
public final class TestBatches {

    private TestBatches() {}

    public static PendingBatch of(int partition, long firstOffset, List<BufferedRecord> records) {
        Instant first = records.isEmpty() ? Instant.now() : records.get(0).arrival();
        PendingBatch batch =
                new PendingBatch(partition, firstOffset, first, Instant.now(), Long.MAX_VALUE, Duration.ofDays(1));
        records.forEach(batch::add);
        return batch;
    }
}
