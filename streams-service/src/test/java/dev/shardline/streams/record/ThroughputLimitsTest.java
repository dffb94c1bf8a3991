package dev.shardline.streams.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.streams.StreamsIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/** Shards throttle as AWS's do, in both capacity modes. Its own context: limits on. */
@TestPropertySource(
        properties = {"shardline.streams.enforce-throughput-limits=true", "shardline.streams.on-demand-stream-limit=2"})
class ThroughputLimitsTest extends StreamsIntegrationTest {

    @Autowired
    MeterRegistry meters;

    /** A region of its own per test: the ON_DEMAND stream limit counts per account and region. */
    private static Region uniqueRegion() {
        return Region.of("test-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private double count(String meter, String... tags) {
        Counter counter = meters.find(meter).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<PutRecordsRequestEntry> records(int count, int bytes) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey("k" + i)
                    .data(SdkBytes.fromByteArray(new byte[bytes]))
                    .build());
        }
        return entries;
    }

    @Test
    void writesOverAThousandRecordsPerSecondToAShardFailPerRecord() {
        KinesisClient kinesis = kinesis(true);
        String name = activeStream(kinesis, 1);

        List<PutRecordsResultEntry> results = new ArrayList<>();
        int failed = 0;
        long start = System.nanoTime();
        for (int call = 0; call < 20 && failed == 0; call++) {
            PutRecordsResponse put = kinesis.putRecords(r -> r.streamName(name).records(records(500, 10)));
            failed += put.failedRecordCount();
            results.addAll(put.records());
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(failed).isPositive();
        // A full bucket of 1,000 records plus 1,000 records/s of refill, whatever the machine's speed.
        assertThat(results.size() - failed).isLessThanOrEqualTo((int) (1_000 + 1_000 * seconds) + 1);
        PutRecordsResultEntry throttled =
                results.stream().filter(r -> r.errorCode() != null).findFirst().orElseThrow();
        assertThat(throttled.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(throttled.errorMessage())
                .isEqualTo("Rate exceeded for shard shardId-000000000000 in stream " + name
                        + " under account 000000000000.");
        assertThat(count("WriteProvisionedThroughputExceeded", "stream", name)).isEqualTo(failed);
        assertThat(count("shard.WriteProvisionedThroughputExceeded", "stream", name, "shard", "shardId-000000000000"))
                .isEqualTo(failed);
        assertThat(count("PutRecords.FailedRecords", "stream", name)).isEqualTo(failed);
        assertThat(count("IncomingRecords", "stream", name)).isEqualTo(results.size() - failed);
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(ProvisionedThroughputExceededException.class)
                .until(() -> kinesis.putRecord(r ->
                                        r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("v")))
                                .sequenceNumber()
                        != null);
    }

    @Test
    void writesOverOneMebibytePerSecondToAShardAreThrottled() {
        KinesisClient kinesis = kinesisWithoutRetries(false);
        String name = activeStream(kinesis, 1);
        SdkBytes big = SdkBytes.fromByteArray(new byte[900 * 1024]);

        long start = System.nanoTime();
        int admitted = 0;
        ProvisionedThroughputExceededException throttled = null;
        for (int i = 0; i < 20 && throttled == null; i++) {
            try {
                kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(big));
                admitted++;
            } catch (ProvisionedThroughputExceededException e) {
                throttled = e;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(throttled).isNotNull();
        assertThat(throttled).hasMessageStartingWith("Rate exceeded for shard shardId-000000000000 in stream " + name);
        // A full bucket of 1 MiB plus 1 MiB/s of refill, whatever the machine's speed (one put may take the last of
        // it).
        assertThat(admitted * 900.0 * 1024).isLessThanOrEqualTo((1 + seconds) * 1024 * 1024 + 900 * 1024);
    }

    /** AWS: "to accommodate large records, Kinesis data streams can burst up to 10 MiB, while averaging 1 MiB/s". */
    @Test
    void aRecordAboveOneMebibyteBurstsThroughAndThrottlesTheShardsFollowingWrites() {
        KinesisClient kinesis = kinesisWithoutRetries(false);
        String name = activeStream(kinesis, 1);
        String arn = kinesis.describeStreamSummary(r -> r.streamName(name))
                .streamDescriptionSummary()
                .streamARN();
        kinesis.updateMaxRecordSize(r -> r.streamARN(arn).maxRecordSizeInKiB(10240));
        awaitActive(kinesis, name);
        SdkBytes large = SdkBytes.fromByteArray(new byte[5 * 1024 * 1024]);
        SdkBytes small = SdkBytes.fromByteArray(new byte[1024]);

        assertThat(kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(large))
                        .sequenceNumber())
                .isNotNull();
        assertThatThrownBy(() -> kinesis.putRecord(
                        r -> r.streamName(name).partitionKey("k").data(small)))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        // 4 MiB of debt at 1 MiB/s: the shard takes writes again after about four seconds.
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(ProvisionedThroughputExceededException.class)
                .until(() -> kinesis.putRecord(r ->
                                        r.streamName(name).partitionKey("k").data(small))
                                .sequenceNumber()
                        != null);
    }

    @Test
    void moreThanFiveGetRecordsCallsPerSecondOnAShardAreThrottled() throws Exception {
        KinesisClient kinesis = kinesisWithoutRetries(true);
        String name = activeStream(kinesis, 1);
        kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("v")));
        String iterator = kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();

        // Twenty calls at once: however slow the machine, they arrive well within the few seconds that would let
        // twenty through at 5 calls/s.
        int calls = 20;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch go = new CountDownLatch(1);
        long start = System.nanoTime();
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int call = 0; call < calls; call++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        kinesis.getRecords(r -> r.shardIterator(iterator));
                        return true;
                    } catch (ProvisionedThroughputExceededException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int admitted = 0;
            for (Future<Boolean> outcome : outcomes) {
                admitted += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int throttled = calls - admitted;

            assertThat(admitted).isGreaterThanOrEqualTo(5);
            assertThat(admitted).isLessThanOrEqualTo((int) (5 + 5 * seconds) + 1);
            assertThat(throttled).isPositive();
            assertThat(count("ReadProvisionedThroughputExceeded", "stream", name))
                    .isEqualTo(throttled);
            assertThat(count(
                            "shard.ReadProvisionedThroughputExceeded", "stream", name, "shard", "shardId-000000000000"))
                    .isEqualTo(throttled);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLargeReadThrottlesTheShardsReadsForTheFollowingSeconds() {
        KinesisClient kinesis = kinesisWithoutRetries(true);
        String name = activeStream(kinesis, 1);
        SdkBytes record = SdkBytes.fromByteArray(new byte[900 * 1024]);
        // 7.2 MB in one answer leaves the 2 MiB/s read budget about 5 MiB in debt: the next reads are throttled for
        // about 2.5 s, long enough that a slow, busy machine still makes its next call inside that time.
        for (int i = 0; i < 8; i++) {
            // The shard takes 1 MiB/s: each put waits until the write budget allows it.
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(ProvisionedThroughputExceededException.class)
                    .until(() -> kinesis.putRecord(r ->
                                            r.streamName(name).partitionKey("k").data(record))
                                    .sequenceNumber()
                            != null);
        }
        String iterator = kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();

        GetRecordsResponse big = kinesis.getRecords(r -> r.shardIterator(iterator));

        assertThat(big.records()).hasSize(8);
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(big.nextShardIterator())))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(ProvisionedThroughputExceededException.class)
                .until(() -> kinesis.getRecords(r -> r.shardIterator(big.nextShardIterator())) != null);
    }

    /** AWS: "a shard supports 1 MB/s and 1000 records per second for writes ... in both on-demand and provisioned". */
    @Test
    void anOnDemandStreamsShardIsLimitedAsAProvisionedOnesIs() {
        KinesisClient kinesis = kinesisIn(uniqueRegion());
        String name = uniqueName();
        kinesis.createStream(r -> r.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        awaitActive(kinesis, name);

        // 1.2 MiB for one shard in one call: its 1 MiB budget takes two records, however slow the machine.
        List<PutRecordsRequestEntry> sameShard = records(3, 400 * 1024).stream()
                .map(e -> e.toBuilder().explicitHashKey("0").build())
                .toList();
        List<PutRecordsResultEntry> results =
                kinesis.putRecords(r -> r.streamName(name).records(sameShard)).records();

        assertThat(results.get(0).errorCode()).isNull();
        assertThat(results.get(1).errorCode()).isNull();
        assertThat(results.get(2).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(results.get(2).errorMessage())
                .isEqualTo("Rate exceeded for shard shardId-000000000000 in stream " + name
                        + " under account 000000000000.");
        assertThat(count("WriteProvisionedThroughputExceeded", "stream", name)).isEqualTo(1);
    }

    /**
     * More bytes than one shard takes, aimed at the range of one of an ON_DEMAND stream's four shards: the scaler
     * splits the hot shard (and its children) until each takes a share within its limit, and from then on nothing is
     * throttled, as AWS's on-demand mode absorbs traffic up to double its previous peak. Without the splits this one
     * shard would refuse what passes its 1 MiB/s. Few records, large ones: the shard is hot by its bytes alone.
     */
    @Test
    void anOnDemandStreamSplitsAShardOverItsLimitUntilTheRateIsAbsorbed() throws Exception {
        KinesisClient kinesis = kinesisIn(uniqueRegion());
        String name = uniqueName();
        kinesis.createStream(r -> r.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        awaitActive(kinesis, name);
        BigInteger firstShardEnd = BigInteger.ONE.shiftLeft(126);
        Random random = new Random(16);
        int perCall = 10;
        int recordBytes = 50 * 1024;
        Duration pace = Duration.ofMillis(200); // 2.5 MB/s offered, 50 records/s
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long windowStart = -1;
        long windowEnd = -1;
        long windowBytes = 0;
        int windowThrottled = 0;
        int throttledBefore = 0;
        long next = System.nanoTime();
        for (int call = 0; System.nanoTime() < deadline && (windowEnd < 0 || System.nanoTime() < windowEnd); call++) {
            List<PutRecordsRequestEntry> hot = new ArrayList<>();
            for (int i = 0; i < perCall; i++) {
                hot.add(PutRecordsRequestEntry.builder()
                        .partitionKey("k" + i)
                        .explicitHashKey(new BigInteger(126, random).toString())
                        .data(SdkBytes.fromByteArray(new byte[recordBytes]))
                        .build());
            }
            PutRecordsResponse put = kinesis.putRecords(r -> r.streamName(name).records(hot));
            if (windowStart >= 0) {
                windowBytes += (long) (perCall - put.failedRecordCount()) * recordBytes;
                windowThrottled += put.failedRecordCount();
            } else {
                throttledBefore += put.failedRecordCount();
                if (call % 5 == 4 && openShardsIn(kinesis, name, firstShardEnd) >= 4) {
                    // Two rounds of splits: four shards share what one could not take.
                    windowStart = System.nanoTime();
                    windowEnd = windowStart + Duration.ofSeconds(4).toNanos();
                }
            }
            // A caller that fell behind (a slow call on a busy machine) goes on at its pace instead of catching up
            // in a burst, which no shard's per-second budget would take.
            next = Math.max(next + pace.toNanos(), System.nanoTime());
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        double windowSeconds = (System.nanoTime() - windowStart) / 1e9;

        assertThat(windowStart)
                .as("the hot shard was split twice within a minute")
                .isPositive();
        assertThat(windowBytes / windowSeconds)
                .as("bytes/s taken after the splits: more than one shard could take")
                .isGreaterThan(1.1 * 1024 * 1024);
        assertThat(windowThrottled)
                .as("records throttled after the splits (%d before them)", throttledBefore)
                .isZero();
    }

    private static int openShardsIn(KinesisClient kinesis, String name, BigInteger below) {
        return (int) kinesis.listShards(r -> r.streamName(name)).shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .filter(s -> new BigInteger(s.hashKeyRange().startingHashKey()).compareTo(below) < 0)
                .count();
    }

    @Test
    void theOnDemandStreamLimitCountsPerAccountAndRegionOnCreateAndModeChange() {
        Region region = uniqueRegion();
        KinesisClient kinesis = kinesisIn(region);
        for (int i = 0; i < 2; i++) {
            String name = uniqueName();
            kinesis.createStream(r -> r.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        }
        String provisioned = activeStream(kinesis, 1);
        String arn = kinesis.describeStreamSummary(r -> r.streamName(provisioned))
                .streamDescriptionSummary()
                .streamARN();
        String limit = "This request would exceed the on-demand stream count limit for the account 000000000000 in "
                + region.id() + ". Limit: 2.";

        assertThatThrownBy(() -> kinesis.createStream(
                        r -> r.streamName(uniqueName()).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith(limit);
        assertThatThrownBy(() -> kinesis.updateStreamMode(
                        r -> r.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith(limit);
        String elsewhere = uniqueName();
        kinesisIn(uniqueRegion())
                .createStream(r -> r.streamName(elsewhere).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
    }
}
