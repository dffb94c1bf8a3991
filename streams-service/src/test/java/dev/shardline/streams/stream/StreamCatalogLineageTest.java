package dev.shardline.streams.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.kinesis.StreamCatalog;
import dev.shardline.kinesis.StreamCatalog.CatalogShard;
import dev.shardline.streams.StreamsIntegrationTest;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The catalog tells readers of a stream's topic its shards' lineage: parents, and where a closed shard ends. */
class StreamCatalogLineageTest extends StreamsIntegrationTest {

    @Autowired
    StreamCatalog catalog;

    @Test
    void aSplitAndAMergeShowTheirParentsAndTheClosedShardsEndingOffsets() {
        KinesisClient kinesis = kinesis(false);
        String name = activeStream(kinesis, 3);
        Map<String, Integer> puts = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            String key = "key-" + i;
            String shard = kinesis.putRecord(
                            r -> r.streamName(name).partitionKey(key).data(SdkBytes.fromUtf8String(key)))
                    .shardId();
            puts.merge(shard, 1, Integer::sum);
        }
        String arn = kinesis.describeStreamSummary(r -> r.streamName(name))
                .streamDescriptionSummary()
                .streamARN();
        assertThat(catalog.find(arn).orElseThrow().shards()).allSatisfy(shard -> {
            assertThat(shard.parentPartitions()).isEmpty();
            assertThat(shard.endingOffset()).isNull();
        });

        kinesis.mergeShards(r ->
                r.streamName(name).shardToMerge("shardId-000000000001").adjacentShardToMerge("shardId-000000000002"));
        awaitActive(kinesis, name);
        String middleOfFirst =
                BigInteger.TWO.pow(128).divide(BigInteger.valueOf(6)).toString();
        kinesis.splitShard(
                r -> r.streamName(name).shardToSplit("shardId-000000000000").newStartingHashKey(middleOfFirst));
        awaitActive(kinesis, name);

        List<CatalogShard> shards = catalog.find(arn).orElseThrow().shards();
        assertThat(shards).extracting(CatalogShard::partition).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(shards)
                .extracting(CatalogShard::parentPartitions)
                .containsExactly(List.of(), List.of(), List.of(), List.of(1, 2), List.of(0), List.of(0));
        assertThat(shards)
                .extracting(CatalogShard::endingOffset)
                .containsExactly(
                        (long) puts.getOrDefault("shardId-000000000000", 0),
                        (long) puts.getOrDefault("shardId-000000000001", 0),
                        (long) puts.getOrDefault("shardId-000000000002", 0),
                        null,
                        null,
                        null);
        // What a writer routes by: the open shards and their hash key ranges, as ListShards gives them.
        assertThat(shards).extracting(CatalogShard::open).containsExactly(false, false, false, true, true, true);
        assertThat(shards.get(4).hashKeyRange().end().add(BigInteger.ONE)).isEqualTo(new BigInteger(middleOfFirst));
        assertThat(shards.get(5).hashKeyRange().start()).isEqualTo(new BigInteger(middleOfFirst));
        assertThat(catalog.find(arn).orElseThrow().keyId()).isNull();
    }
}
