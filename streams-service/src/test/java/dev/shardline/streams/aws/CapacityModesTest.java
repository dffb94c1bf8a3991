package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.streams.StreamsIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.*;

/**
 * ON_DEMAND streams manage their own shards; UpdateStreamMode switches modes. The test context measures every 300 ms
 * and splits above 150 records/s a shard, merges below 20. The thresholds, runs and bounds of the decision itself are
 * tested in {@code OnDemandPolicyTest}; this test checks that the scaler acts on a real stream.
 */
class CapacityModesTest extends StreamsIntegrationTest {

    private static int openShards(KinesisClient kinesis, String name) {
        return kinesis.describeStreamSummary(r -> r.streamName(name))
                .streamDescriptionSummary()
                .openShardCount();
    }

    @Test
    void anOnDemandStreamSplitsAHotShardAndMergesTheColdPairAfterwards() throws Exception {
        KinesisClient kinesis = kinesis(true);
        String name = uniqueName();
        kinesis.createStream(r -> r.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        awaitActive(kinesis, name);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            List<PutRecordsRequestEntry> hot = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                hot.add(PutRecordsRequestEntry.builder()
                        .partitionKey("k" + i)
                        .explicitHashKey("0")
                        .data(SdkBytes.fromUtf8String("v"))
                        .build());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            try {
                while (!stop.get() && System.nanoTime() < deadline) {
                    PutRecordsResponse put =
                            kinesis.putRecords(r -> r.streamName(name).records(hot));
                    failed.addAndGet(put.failedRecordCount());
                    written.addAndGet(hot.size());
                }
            } catch (Throwable e) {
                writerError.set(e);
            }
        });
        writer.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> openShards(kinesis, name) > 4);
        stop.set(true);
        writer.join(Duration.ofSeconds(30).toMillis());

        assertThat(writerError.get()).as("the writer's calls all answered").isNull();
        // Throughput limits are off in this context: a failed record here would be one lost to the split under it.
        assertThat(failed.get())
                .as("records refused while the stream resharded")
                .isZero();
        assertThat(written.get()).isPositive();
        List<Shard> shards = kinesis.listShards(r -> r.streamName(name)).shards();
        assertThat(shards).anySatisfy(s -> assertThat(s.parentShardId()).isEqualTo("shardId-000000000000"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> openShards(kinesis, name) == 4
                        && kinesis.describeStreamSummary(r -> r.streamName(name))
                                        .streamDescriptionSummary()
                                        .streamStatus()
                                == StreamStatus.ACTIVE);
        assertThat(kinesis.listShards(r -> r.streamName(name)).shards())
                .anySatisfy(s -> assertThat(s.adjacentParentShardId()).isNotNull());
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void updateStreamModeSwitchesModesThroughUpdating(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 2);
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;

        kinesis.updateStreamMode(r -> r.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

        assertThat(kinesis.describeStreamSummary(r -> r.streamARN(arn))
                        .streamDescriptionSummary()
                        .streamStatus())
                .isEqualTo(StreamStatus.UPDATING);
        awaitActive(kinesis, name);
        StreamDescriptionSummary summary =
                kinesis.describeStreamSummary(r -> r.streamARN(arn)).streamDescriptionSummary();
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(summary.openShardCount()).isEqualTo(2);
        assertThatThrownBy(() -> kinesis.updateShardCount(
                        r -> r.streamARN(arn).targetShardCount(3).scalingType(ScalingType.UNIFORM_SCALING)))
                .isInstanceOf(InvalidArgumentException.class);

        kinesis.updateStreamMode(r -> r.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.PROVISIONED)));
        awaitActive(kinesis, name);
        assertThat(kinesis.describeStreamSummary(r -> r.streamARN(arn))
                        .streamDescriptionSummary()
                        .streamModeDetails()
                        .streamMode())
                .isEqualTo(StreamMode.PROVISIONED);
        assertThatThrownBy(() -> kinesis.updateStreamMode(r -> r.streamARN(arn)))
                .isInstanceOfSatisfying(
                        KinesisException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }
}
