package dev.shardline.streams.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * An ON_DEMAND stream as a whole is held to its write quota, whatever its shards could take; a PROVISIONED stream only
 * to its shards'. Its own context, with the quota set far below AWS's 200 MiB/s and 200,000 records/s: 300 records/s
 * and 2 MiB/s, under the four shards' 4,000 records/s and 4 MiB/s.
 */
@TestPropertySource(
        properties = {
            "shardline.streams.enforce-throughput-limits=true",
            "shardline.streams.on-demand.max-write-records-per-second=300",
            "shardline.streams.on-demand.max-write-bytes-per-second=2MB"
        })
class OnDemandStreamQuotaTest extends StreamsIntegrationTest {

    /** The first hash key of each of a four-shard stream's shards. */
    private static final BigInteger QUARTER = BigInteger.ONE.shiftLeft(126);

    @Autowired
    MeterRegistry meters;

    private String onDemandStream(KinesisClient kinesis) {
        String name = uniqueName();
        kinesis.createStream(r -> r.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        awaitActive(kinesis, name);
        return name;
    }

    /** {@code count} records of {@code bytes} spread evenly over the four shards by explicit hash key. */
    private static List<PutRecordsRequestEntry> spread(int count, int bytes) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey("k" + i)
                    .explicitHashKey(QUARTER.multiply(BigInteger.valueOf(i % 4)).toString())
                    .data(SdkBytes.fromByteArray(new byte[bytes]))
                    .build());
        }
        return entries;
    }

    private double count(String meter, String stream) {
        Counter counter = meters.find(meter).tag("stream", stream).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void recordsOverTheStreamsRecordQuotaAreRefusedWithTheStreamsRateExceeded() {
        KinesisClient kinesis =
                kinesisIn(Region.of("test-" + UUID.randomUUID().toString().substring(0, 8)));
        String name = onDemandStream(kinesis);

        long start = System.nanoTime();
        List<PutRecordsResultEntry> results = kinesis.putRecords(
                        r -> r.streamName(name).records(spread(500, 10)))
                .records();
        double seconds = (System.nanoTime() - start) / 1e9;

        List<PutRecordsResultEntry> refused =
                results.stream().filter(r -> r.errorCode() != null).toList();
        // 125 records a shard, far under its 1,000: only the stream's 300 (and its refill meanwhile) limit them.
        assertThat(results.size() - refused.size()).isLessThanOrEqualTo((int) (300 + 300 * seconds) + 1);
        assertThat(refused).isNotEmpty().allSatisfy(r -> {
            assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(r.errorMessage()).isEqualTo("Rate exceeded for stream " + name + " under account 000000000000.");
        });
        assertThat(count("WriteProvisionedThroughputExceeded", name)).isEqualTo(refused.size());
        assertThat(count("IncomingRecords", name)).isEqualTo(results.size() - refused.size());
    }

    @Test
    void bytesOverTheStreamsByteQuotaAreRefusedThoughEachShardHasRoom() {
        KinesisClient kinesis =
                kinesisIn(Region.of("test-" + UUID.randomUUID().toString().substring(0, 8)));
        String name = onDemandStream(kinesis);

        // 900 KiB to each of three shards, 2.6 MiB in one call: each shard is within its 1 MiB, the stream is not.
        List<PutRecordsResultEntry> results = kinesis.putRecords(
                        r -> r.streamName(name).records(spread(3, 900 * 1024)))
                .records();

        assertThat(results.get(0).errorCode()).isNull();
        assertThat(results.get(1).errorCode()).isNull();
        assertThat(results.get(2).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(results.get(2).errorMessage())
                .isEqualTo("Rate exceeded for stream " + name + " under account 000000000000.");
    }

    @Test
    void aProvisionedStreamIsNotHeldToTheOnDemandQuota() {
        KinesisClient kinesis = kinesis(false);
        String name = activeStream(kinesis, 4);

        int failed = kinesis.putRecords(r -> r.streamName(name).records(spread(500, 10)))
                .failedRecordCount();

        assertThat(failed).isZero();
    }
}
