package dev.shardline.streams.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.streams.StreamsIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/** PROVISIONED shards throttle as AWS's do; ON_DEMAND streams do not, per shard. Its own context: limits on. */
@TestPropertySource(properties = "shardline.streams.enforce-throughput-limits=true")
class ThroughputLimitsTest extends StreamsIntegrationTest {

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

        kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(big));

        assertThatThrownBy(() -> {
                    // At 900 KiB a put, a second or third one within the same second is over 1 MiB/s.
                    for (int i = 0; i < 3; i++) {
                        kinesis.putRecord(
                                r -> r.streamName(name).partitionKey("k").data(big));
                    }
                })
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessageStartingWith("Rate exceeded for shard shardId-000000000000 in stream " + name);
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
    void moreThanFiveGetRecordsCallsPerSecondOnAShardAreThrottled() {
        KinesisClient kinesis = kinesisWithoutRetries(true);
        String name = activeStream(kinesis, 1);
        kinesis.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("v")));
        String iterator = kinesis.getShardIterator(r -> r.streamName(name)
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();

        int admitted = 0;
        boolean throttled = false;
        for (int call = 0; call < 50 && !throttled; call++) {
            try {
                kinesis.getRecords(r -> r.shardIterator(iterator));
                admitted++;
            } catch (ProvisionedThroughputExceededException e) {
                throttled = true;
            }
        }

        assertThat(throttled).isTrue();
        assertThat(admitted).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aLargeReadThrottlesTheShardsReadsForTheFollowingSeconds() {
        KinesisClient kinesis = kinesisWithoutRetries(true);
        String name = activeStream(kinesis, 1);
        SdkBytes record = SdkBytes.fromByteArray(new byte[900 * 1024]);
        for (int i = 0; i < 4; i++) {
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

        assertThat(big.records()).hasSize(4);
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(big.nextShardIterator())))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(ProvisionedThroughputExceededException.class)
                .until(() -> kinesis.getRecords(r -> r.shardIterator(big.nextShardIterator())) != null);
    }

    @Test
    void onDemandStreamsAreNotLimitedPerShard() {
        KinesisClient kinesis = kinesis(true);
        String name = uniqueName();
        kinesis.createStream(r -> r.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        awaitActive(kinesis, name);

        int failed = 0;
        for (int call = 0; call < 3; call++) {
            List<PutRecordsRequestEntry> sameShard = records(500, 10).stream()
                    .map(e -> e.toBuilder().explicitHashKey("0").build())
                    .toList();
            failed += kinesis.putRecords(r -> r.streamName(name).records(sameShard))
                    .failedRecordCount();
        }

        assertThat(failed).isZero();
    }
}
