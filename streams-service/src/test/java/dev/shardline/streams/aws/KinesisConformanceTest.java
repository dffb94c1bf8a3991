package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.kinesis.HashKeyRange;
import dev.shardline.kinesis.SequenceNumber;
import dev.shardline.streams.StreamsIntegrationTest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.*;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Drives the service with the official AWS SDK v2 KinesisClient, in CBOR (the SDK's default) and in JSON. */
class KinesisConformanceTest extends StreamsIntegrationTest {

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void streamGoesFromCreatingToActiveAndIsDescribedAsAwsDescribesIt(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = uniqueName();

        kinesis.createStream(r -> r.streamName(name).shardCount(3));
        StreamStatus first = kinesis.describeStreamSummary(r -> r.streamName(name))
                .streamDescriptionSummary()
                .streamStatus();
        assertThat(first).isIn(StreamStatus.CREATING, StreamStatus.ACTIVE);
        awaitActive(kinesis, name);

        StreamDescription description =
                kinesis.describeStream(r -> r.streamName(name)).streamDescription();
        assertThat(description.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + name);
        assertThat(description.retentionPeriodHours()).isEqualTo(24);
        assertThat(description.hasMoreShards()).isFalse();
        assertThat(description.streamCreationTimestamp())
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(description.shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(description.shards().get(0).hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(description.shards().get(2).hashKeyRange().endingHashKey())
                .isEqualTo(HashKeyRange.MAX_HASH_KEY.toString());
        assertThat(description.shards().get(1).sequenceNumberRange().startingSequenceNumber())
                .hasSize(56);
        assertThat(description.shards().get(1).sequenceNumberRange().endingSequenceNumber())
                .isNull();

        StreamDescriptionSummary summary =
                kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
        assertThat(summary.openShardCount()).isEqualTo(3);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void deletedStreamGoesThroughDeletingAndDisappears(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        kinesis.deleteStream(r -> r.streamName(name));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThatThrownBy(() -> kinesis.describeStream(r -> r.streamName(name)))
                        .isInstanceOf(ResourceNotFoundException.class)
                        .hasMessageContaining("Stream " + name + " under account 000000000000 not found."));
        assertThat(kinesis.listStreams().streamNames()).doesNotContain(name);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void putRecordIsReadBackFromTrimHorizonWithItsSequenceNumberKeyAndArrivalTime(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 2);
        byte[] data = {0, 1, 2, (byte) 0xff, 'x'};

        PutRecordResponse put =
                kinesis.putRecord(r -> r.streamName(name).partitionKey("key-1").data(SdkBytes.fromByteArray(data)));

        assertThat(put.sequenceNumber()).hasSize(56);
        BigInteger hash = HashKeyRange.hashOf("key-1");
        String expectedShard =
                hash.compareTo(BigInteger.TWO.pow(127)) < 0 ? "shardId-000000000000" : "shardId-000000000001";
        assertThat(put.shardId()).isEqualTo(expectedShard);

        String iterator = kinesis.getShardIterator(r ->
                        r.streamName(name).shardId(put.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        GetRecordsResponse got = kinesis.getRecords(r -> r.shardIterator(iterator));

        assertThat(got.records()).hasSize(1);
        Record record = got.records().get(0);
        assertThat(record.data().asByteArray()).isEqualTo(data);
        assertThat(record.partitionKey()).isEqualTo("key-1");
        assertThat(record.sequenceNumber()).isEqualTo(put.sequenceNumber());
        assertThat(record.approximateArrivalTimestamp()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(got.nextShardIterator()).isNotBlank().isNotEqualTo(iterator);
        assertThat(got.millisBehindLatest()).isZero();
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void putRecordsRoutesEachKeyToItsShardAndKeepsPerShardOrder(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 4);
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey("pk-" + (i % 37))
                    .data(SdkBytes.fromString(Integer.toString(i), StandardCharsets.UTF_8))
                    .build());
        }

        PutRecordsResponse put = kinesis.putRecords(r -> r.streamName(name).records(entries));

        assertThat(put.failedRecordCount()).isZero();
        assertThat(put.records()).hasSize(500);
        List<Shard> shards = kinesis.listShards(r -> r.streamName(name)).shards();
        Map<String, Shard> byId = new HashMap<>();
        shards.forEach(s -> byId.put(s.shardId(), s));
        for (int i = 0; i < 500; i++) {
            Shard shard = byId.get(put.records().get(i).shardId());
            BigInteger hash = HashKeyRange.hashOf("pk-" + (i % 37));
            assertThat(hash)
                    .isBetween(
                            new BigInteger(shard.hashKeyRange().startingHashKey()),
                            new BigInteger(shard.hashKeyRange().endingHashKey()));
        }
        int read = 0;
        for (Shard shard : shards) {
            List<Record> records = readAll(kinesis, name, shard.shardId());
            read += records.size();
            List<Integer> values = records.stream()
                    .map(r -> Integer.parseInt(r.data().asUtf8String()))
                    .toList();
            assertThat(values).isSorted();
            List<BigInteger> sequenceNumbers = records.stream()
                    .map(r -> new BigInteger(r.sequenceNumber()))
                    .toList();
            assertThat(sequenceNumbers).isSorted().doesNotHaveDuplicates();
        }
        assertThat(read).isEqualTo(500);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void explicitHashKeyOverridesThePartitionKeyHash(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 2);

        PutRecordResponse low = kinesis.putRecord(r ->
                r.streamName(name).partitionKey("same").explicitHashKey("0").data(SdkBytes.fromUtf8String("low")));
        PutRecordResponse high = kinesis.putRecord(r -> r.streamName(name)
                .partitionKey("same")
                .explicitHashKey(HashKeyRange.MAX_HASH_KEY.toString())
                .data(SdkBytes.fromUtf8String("high")));

        assertThat(low.shardId()).isEqualTo("shardId-000000000000");
        assertThat(high.shardId()).isEqualTo("shardId-000000000001");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void everyIteratorTypeStartsWhereAwsStartsIt(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        String shardId = "shardId-000000000000";
        List<String> sequenceNumbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            sequenceNumbers.add(
                    kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("r" + n)))
                            .sequenceNumber());
        }
        String latest = iterator(kinesis, name, shardId, b -> b.shardIteratorType(ShardIteratorType.LATEST));
        String last = kinesis.putRecord(
                        r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("r5")))
                .sequenceNumber();

        assertThat(first(
                        kinesis,
                        iterator(kinesis, name, shardId, b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON))))
                .isEqualTo("r0");
        assertThat(first(
                        kinesis,
                        iterator(
                                kinesis,
                                name,
                                shardId,
                                b -> b.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                                        .startingSequenceNumber(sequenceNumbers.get(2)))))
                .isEqualTo("r2");
        assertThat(first(
                        kinesis,
                        iterator(
                                kinesis,
                                name,
                                shardId,
                                b -> b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                        .startingSequenceNumber(sequenceNumbers.get(2)))))
                .isEqualTo("r3");
        assertThat(first(kinesis, latest)).isEqualTo("r5");
        assertThat(first(
                        kinesis,
                        iterator(
                                kinesis,
                                name,
                                shardId,
                                b -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                                        .timestamp(Instant.now().minusSeconds(3600)))))
                .isEqualTo("r0");
        String future = iterator(
                kinesis,
                name,
                shardId,
                b -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                        .timestamp(Instant.now().minusMillis(1)));
        assertThat(kinesis.getRecords(r -> r.shardIterator(future)).records()).isEmpty();
        String afterLast = iterator(
                kinesis,
                name,
                shardId,
                b -> b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .startingSequenceNumber(last));
        assertThat(kinesis.getRecords(r -> r.shardIterator(afterLast)).records())
                .isEmpty();
        String starting = kinesis.listShards(r -> r.streamName(name))
                .shards()
                .get(0)
                .sequenceNumberRange()
                .startingSequenceNumber();
        assertThat(first(
                        kinesis,
                        iterator(
                                kinesis,
                                name,
                                shardId,
                                b -> b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                        .startingSequenceNumber(starting))))
                .isEqualTo("r0");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void getRecordsHonoursLimitAndContinuesWithTheNextIterator(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        for (int i = 0; i < 25; i++) {
            int n = i;
            kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("r" + n)));
        }
        String iterator = iterator(
                kinesis, name, "shardId-000000000000", b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON));

        List<String> seen = new ArrayList<>();
        for (int call = 0; call < 3; call++) {
            String current = iterator;
            GetRecordsResponse got =
                    kinesis.getRecords(r -> r.shardIterator(current).limit(10));
            assertThat(got.records()).hasSizeLessThanOrEqualTo(10);
            got.records().forEach(r -> seen.add(r.data().asUtf8String()));
            iterator = got.nextShardIterator();
        }

        assertThat(seen).hasSize(25).startsWith("r0", "r1").endsWith("r24");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void streamArnWorksWhereverStreamNameDoes(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;

        PutRecordResponse put =
                kinesis.putRecord(r -> r.streamARN(arn).partitionKey("k").data(SdkBytes.fromUtf8String("v")));
        String iterator = kinesis.getShardIterator(
                        r -> r.streamARN(arn).shardId(put.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();

        assertThat(kinesis.getRecords(r -> r.shardIterator(iterator).streamARN(arn))
                        .records())
                .hasSize(1);
        assertThat(kinesis.describeStreamSummary(r -> r.streamARN(arn))
                        .streamDescriptionSummary()
                        .streamName())
                .isEqualTo(name);
        assertThat(kinesis.listShards(r -> r.streamARN(arn)).shards()).hasSize(1);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void listStreamsAndListShardsPageWithNextToken(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 5);
        activeStream(kinesis, 1);

        ListStreamsResponse firstPage = kinesis.listStreams(r -> r.limit(1));
        assertThat(firstPage.streamNames()).hasSize(1);
        assertThat(firstPage.hasMoreStreams()).isTrue();
        assertThat(firstPage.streamSummaries()).hasSize(1);
        ListStreamsResponse secondPage = kinesis.listStreams(r -> r.limit(1).nextToken(firstPage.nextToken()));
        assertThat(secondPage.streamNames()).hasSize(1).doesNotContainAnyElementsOf(firstPage.streamNames());

        ListShardsResponse shardsPage =
                kinesis.listShards(r -> r.streamName(name).maxResults(2));
        assertThat(shardsPage.shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001");
        ListShardsResponse rest = kinesis.listShards(r -> r.nextToken(shardsPage.nextToken()));
        assertThat(rest.shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000002", "shardId-000000000003", "shardId-000000000004");
        assertThat(rest.nextToken()).isNull();
        assertThat(kinesis.listShards(r -> r.streamName(name)
                                .shardFilter(f ->
                                        f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000003")))
                        .shards())
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000004");
        assertThat(kinesis.listShards(r -> r.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                        .shards())
                .hasSize(5);
        assertThat(kinesis.describeStream(
                                r -> r.streamName(name).limit(2).exclusiveStartShardId("shardId-000000000000"))
                        .streamDescription())
                .satisfies(d -> {
                    assertThat(d.shards())
                            .extracting(Shard::shardId)
                            .containsExactly("shardId-000000000001", "shardId-000000000002");
                    assertThat(d.hasMoreShards()).isTrue();
                });
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void describeLimitsCountsOpenShards(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        activeStream(kinesis, 2);

        DescribeLimitsResponse limits = kinesis.describeLimits(r -> {});

        assertThat(limits.shardLimit()).isEqualTo(2000);
        assertThat(limits.openShardCount()).isGreaterThanOrEqualTo(2);
        assertThat(limits.onDemandStreamCountLimit()).isEqualTo(50);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void sequenceNumbersDecodeToShardAndOffset(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String seq = kinesis.putRecord(
                            r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("v")))
                    .sequenceNumber();
            SequenceNumber decoded = SequenceNumber.parse(seq).orElseThrow();
            assertThat(decoded.shardIndex()).isZero();
            offsets.add(decoded.offset());
        }

        assertThat(offsets).containsExactly(0L, 1L, 2L);
    }

    static String iterator(
            KinesisClient kinesis,
            String name,
            String shardId,
            java.util.function.Consumer<GetShardIteratorRequest.Builder> how) {
        return kinesis.getShardIterator(r -> {
                    r.streamName(name).shardId(shardId);
                    how.accept(r);
                })
                .shardIterator();
    }

    static String first(KinesisClient kinesis, String iterator) {
        List<Record> records =
                kinesis.getRecords(r -> r.shardIterator(iterator)).records();
        assertThat(records).isNotEmpty();
        return records.get(0).data().asUtf8String();
    }

    static List<Record> readAll(KinesisClient kinesis, String name, String shardId) {
        String iterator = iterator(kinesis, name, shardId, b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON));
        List<Record> all = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String current = iterator;
            GetRecordsResponse got = kinesis.getRecords(r -> r.shardIterator(current));
            all.addAll(got.records());
            iterator = got.nextShardIterator();
            if (got.records().isEmpty() && got.millisBehindLatest() == 0) {
                return all;
            }
        }
        throw new AssertionError("Shard " + shardId + " was not read to its end in time");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void onDemandStreamsStartWithFourShardsAndRefuseAShardCount(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = uniqueName();

        kinesis.createStream(r -> r.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        awaitActive(kinesis, name);

        StreamDescriptionSummary summary =
                kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(summary.openShardCount()).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName(uniqueName())
                        .shardCount(2)
                        .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void aOneMebibyteRecordIsStoredAndGetRecordsStopsAtTenMebibytes() {
        KinesisClient kinesis = kinesis(true);
        String name = activeStream(kinesis, 1);
        byte[] largest = new byte[1024 * 1024 - 1];
        largest[0] = 7;
        kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(largest)));
        byte[] big = new byte[1_000_000];
        for (int i = 0; i < 10; i++) {
            kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(big)));
        }
        String iterator = iterator(
                kinesis, name, "shardId-000000000000", b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON));

        GetRecordsResponse first = kinesis.getRecords(r -> r.shardIterator(iterator));
        long bytes = first.records().stream()
                .mapToLong(r -> r.data().asByteArray().length)
                .sum();
        GetRecordsResponse second = kinesis.getRecords(r -> r.shardIterator(first.nextShardIterator()));

        assertThat(first.records().get(0).data().asByteArray())
                .hasSize(1024 * 1024 - 1)
                .startsWith(7);
        assertThat(bytes).isLessThanOrEqualTo(10L * 1024 * 1024);
        assertThat(first.records()).hasSizeLessThan(11);
        assertThat(first.millisBehindLatest()).isPositive();
        assertThat(first.records().size() + second.records().size()).isEqualTo(11);
    }
}
