package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.streams.StreamsIntegrationTest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.*;
import software.amazon.awssdk.services.kinesis.model.Record;

/** SplitShard, MergeShards and UpdateShardCount through the SDK: lineage, closed shards, and no lost or reordered record. */
class KinesisReshardingTest extends StreamsIntegrationTest {

    private static final BigInteger MIDDLE = BigInteger.TWO.pow(127);

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void splitShardClosesTheParentAndOpensTwoChildren(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        String before = kinesis.putRecord(
                        r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("old")))
                .sequenceNumber();

        kinesis.splitShard(
                r -> r.streamName(name).shardToSplit("shardId-000000000000").newStartingHashKey(MIDDLE.toString()));

        assertThat(kinesis.describeStreamSummary(r -> r.streamName(name))
                        .streamDescriptionSummary()
                        .streamStatus())
                .isEqualTo(StreamStatus.UPDATING);
        assertThatThrownBy(() -> kinesis.splitShard(r ->
                        r.streamName(name).shardToSplit("shardId-000000000000").newStartingHashKey("5")))
                .isInstanceOf(ResourceInUseException.class);
        awaitActive(kinesis, name);

        List<Shard> shards = kinesis.describeStream(r -> r.streamName(name))
                .streamDescription()
                .shards();
        assertThat(shards)
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(new BigInteger(shards.get(0).sequenceNumberRange().endingSequenceNumber()))
                .isGreaterThan(new BigInteger(before));
        assertThat(shards.get(1).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(2).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(1).hashKeyRange().endingHashKey())
                .isEqualTo(MIDDLE.subtract(BigInteger.ONE).toString());
        assertThat(shards.get(2).hashKeyRange().startingHashKey()).isEqualTo(MIDDLE.toString());
        assertThat(kinesis.listShards(r -> r.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                        .shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");

        PutRecordResponse after =
                kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("new")));
        assertThat(after.shardId()).isIn("shardId-000000000001", "shardId-000000000002");

        String iterator = kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        GetRecordsResponse parent = kinesis.getRecords(r -> r.shardIterator(iterator));
        List<Record> fromParent = new ArrayList<>(parent.records());
        GetRecordsResponse last = parent;
        for (int i = 0; i < 5 && last.nextShardIterator() != null; i++) {
            String next = last.nextShardIterator();
            last = kinesis.getRecords(r -> r.shardIterator(next));
            fromParent.addAll(last.records());
        }
        assertThat(fromParent).extracting(r -> r.data().asUtf8String()).containsExactly("old");
        assertThat(last.nextShardIterator()).isNull();
        assertThat(last.childShards())
                .extracting(ChildShard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(last.childShards().get(0).parentShards()).containsExactly("shardId-000000000000");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void mergeShardsJoinsAdjacentShardsOnly(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 3);

        assertThatThrownBy(() -> kinesis.mergeShards(r -> r.streamName(name)
                        .shardToMerge("shardId-000000000000")
                        .adjacentShardToMerge("shardId-000000000002")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("are not an adjacent pair of shards eligible for merging");
        kinesis.mergeShards(r ->
                r.streamName(name).shardToMerge("shardId-000000000001").adjacentShardToMerge("shardId-000000000002"));
        awaitActive(kinesis, name);

        Shard merged = kinesis.describeStream(r -> r.streamName(name))
                .streamDescription()
                .shards()
                .get(3);
        assertThat(merged.shardId()).isEqualTo("shardId-000000000003");
        assertThat(merged.parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(merged.adjacentParentShardId()).isEqualTo("shardId-000000000002");
        assertThat(merged.hashKeyRange().endingHashKey()).isEqualTo(HashKeyRange.MAX_HASH_KEY.toString());
        assertThatThrownBy(() -> kinesis.mergeShards(r -> r.streamName(name)
                        .shardToMerge("shardId-000000000001")
                        .adjacentShardToMerge("shardId-000000000000")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("has already been merged or split");
        assertThatThrownBy(() -> kinesis.splitShard(r ->
                        r.streamName(name).shardToSplit("shardId-000000000003").newStartingHashKey("1")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("NewStartingHashKey 1 used in SplitShard()");
        assertThatThrownBy(() -> kinesis.splitShard(r ->
                        r.streamName(name).shardToSplit("shardId-000000000099").newStartingHashKey("1")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void updateShardCountScalesUniformlyWithinAwsBounds(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 2);

        assertThatThrownBy(() -> kinesis.updateShardCount(
                        r -> r.streamName(name).targetShardCount(5).scalingType(ScalingType.UNIFORM_SCALING)))
                .isInstanceOf(LimitExceededException.class);
        UpdateShardCountResponse response = kinesis.updateShardCount(
                r -> r.streamName(name).targetShardCount(3).scalingType(ScalingType.UNIFORM_SCALING));
        assertThat(response.currentShardCount()).isEqualTo(2);
        assertThat(response.targetShardCount()).isEqualTo(3);
        awaitActive(kinesis, name);

        List<Shard> open = kinesis.listShards(
                        r -> r.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                .shards();
        assertThat(open)
                .extracting(s -> s.hashKeyRange().startingHashKey())
                .containsExactlyInAnyOrderElementsOf(HashKeyRange.divide(3).stream()
                        .map(h -> h.start().toString())
                        .toList());
        assertThatThrownBy(() -> kinesis.updateShardCount(
                        r -> r.streamName(name).targetShardCount(1).scalingType(ScalingType.UNIFORM_SCALING)))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void scalingFromOneToEightShardsAndBackWhileWritingLosesAndReordersNothing() throws Exception {
        KinesisClient kinesis = kinesis(true);
        String name = activeStream(kinesis, 1);
        int keys = 40;
        Map<String, Integer> acked = new HashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            int[] next = new int[keys];
            try {
                while (!stop.get()) {
                    List<PutRecordsRequestEntry> batch = new ArrayList<>();
                    for (int i = 0; i < 2 * keys; i++) {
                        int key = i % keys;
                        batch.add(PutRecordsRequestEntry.builder()
                                .partitionKey("key-" + key)
                                .data(SdkBytes.fromUtf8String(key + ":" + next[key]++))
                                .build());
                    }
                    PutRecordsResponse put =
                            kinesis.putRecords(r -> r.streamName(name).records(batch));
                    assertThat(put.failedRecordCount()).isZero();
                    synchronized (acked) {
                        for (int key = 0; key < keys; key++) {
                            acked.put("key-" + key, next[key]);
                        }
                    }
                }
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        });
        producer.start();

        for (int target : new int[] {2, 4, 8, 4, 2, 1}) {
            kinesis.updateShardCount(
                    r -> r.streamName(name).targetShardCount(target).scalingType(ScalingType.UNIFORM_SCALING));
            awaitActive(kinesis, name);
            assertThat(kinesis.describeStreamSummary(r -> r.streamName(name))
                            .streamDescriptionSummary()
                            .openShardCount())
                    .isEqualTo(target);
        }
        stop.set(true);
        producer.join(Duration.ofSeconds(60).toMillis());
        assertThat(producerFailure.get()).isNull();

        assertThat(acked.values().stream().mapToInt(Integer::intValue).sum())
                .as("records written during the resharding")
                .isGreaterThan(1_000);
        Map<String, List<Integer>> seen = readFollowingLineage(kinesis, name);
        for (Map.Entry<String, Integer> key : acked.entrySet()) {
            List<Integer> expected =
                    java.util.stream.IntStream.range(0, key.getValue()).boxed().toList();
            assertThat(seen.get(key.getKey())).as(key.getKey()).isEqualTo(expected);
        }
    }

    /** Reads every shard from TRIM_HORIZON, each only after all its parents, as the KCL does. */
    private static Map<String, List<Integer>> readFollowingLineage(KinesisClient kinesis, String name) {
        List<Shard> shards = kinesis.listShards(r -> r.streamName(name)).shards();
        Set<String> done = new HashSet<>();
        Deque<Shard> pending = new ArrayDeque<>(shards);
        Map<String, List<Integer>> byKey = new HashMap<>();
        int guard = 0;
        while (!pending.isEmpty() && guard++ < 10_000) {
            Shard shard = pending.poll();
            boolean parentsDone = (shard.parentShardId() == null || done.contains(shard.parentShardId()))
                    && (shard.adjacentParentShardId() == null || done.contains(shard.adjacentParentShardId()));
            if (!parentsDone) {
                pending.add(shard);
                continue;
            }
            for (Record record : readShard(kinesis, name, shard.shardId())) {
                String[] parts = record.data().asUtf8String().split(":");
                byKey.computeIfAbsent("key-" + parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
            }
            done.add(shard.shardId());
        }
        assertThat(pending).isEmpty();
        return byKey;
    }

    private static List<Record> readShard(KinesisClient kinesis, String name, String shardId) {
        String iterator = kinesis.getShardIterator(
                        r -> r.streamName(name).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<Record> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (iterator != null && System.nanoTime() < deadline) {
            String current = iterator;
            GetRecordsResponse got = kinesis.getRecords(r -> r.shardIterator(current));
            records.addAll(got.records());
            if (got.nextShardIterator() != null && got.records().isEmpty() && got.millisBehindLatest() == 0) {
                return records;
            }
            iterator = got.nextShardIterator();
        }
        assertThat(iterator).as("shard " + shardId + " read to its end in time").isNull();
        return records;
    }
}
