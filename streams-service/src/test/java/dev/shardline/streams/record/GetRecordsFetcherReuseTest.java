package dev.shardline.streams.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

class GetRecordsFetcherReuseTest extends StreamsIntegrationTest {

    @Autowired
    ShardFetchers fetchers;

    @Autowired
    MeterRegistry meters;

    @Test
    void aPollLoopOverManyShardsReusesFetchersInsteadOfOpeningOnePerCall() {
        KinesisClient kinesis = kinesis(true);
        String name = activeStream(kinesis, 4);
        for (int i = 0; i < 40; i++) {
            int n = i;
            kinesis.putRecord(r -> r.streamName(name).partitionKey("k" + n).data(SdkBytes.fromUtf8String("v" + n)));
        }
        long before = fetchers.createdFetchers();

        List<String> iterators = new ArrayList<>();
        for (int shard = 0; shard < 4; shard++) {
            int s = shard;
            iterators.add(kinesis.getShardIterator(r -> r.streamName(name)
                            .shardId("shardId-00000000000" + s)
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator());
        }
        int read = 0;
        for (int round = 0; round < 25; round++) {
            for (int shard = 0; shard < 4; shard++) {
                String iterator = iterators.get(shard);
                GetRecordsResponse got =
                        kinesis.getRecords(r -> r.shardIterator(iterator).limit(1));
                read += got.records().size();
                iterators.set(shard, got.nextShardIterator());
            }
        }

        assertThat(read).isEqualTo(40);
        assertThat(fetchers.createdFetchers() - before)
                .as("consumers opened for 100 calls over 4 shards")
                .isLessThanOrEqualTo(4);
    }

    @Test
    void incomingAndReadRecordsAreCountedUnderCloudWatchNames() {
        KinesisClient kinesis = kinesis(false);
        String name = activeStream(kinesis, 1);
        for (int i = 0; i < 3; i++) {
            kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("abcd")));
        }
        String iterator = kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        kinesis.getRecords(r -> r.shardIterator(iterator));

        assertThat(meters.counter("IncomingRecords", "stream", name).count()).isEqualTo(3);
        assertThat(meters.counter("IncomingBytes", "stream", name).count()).isEqualTo(12);
        assertThat(meters.counter("GetRecords.Records", "stream", name).count()).isEqualTo(3);
        assertThat(meters.counter("shard.IncomingRecords", "stream", name, "shard", "shardId-000000000000")
                        .count())
                .isEqualTo(3);
        assertThat(meters.counter("shard.OutgoingBytes", "stream", name, "shard", "shardId-000000000000")
                        .count())
                .isEqualTo(12);
    }
}
