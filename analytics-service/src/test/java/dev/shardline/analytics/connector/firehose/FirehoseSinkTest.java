package dev.shardline.analytics.connector.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;

/**
 * The firehose sink in a real Flink job (a local MiniCluster) against a Firehose endpoint over real HTTP, through the
 * AWS SDK's client: batches within PutRecordBatch's limits, records a batch answer reports failed sent again, and a
 * record too large refused by name.
 */
class FirehoseSinkTest {

    private static final String STREAM = "to-the-lake";

    @Test
    void everyRecordArrivesOnceAndTheOnesABatchAnswerFailedAreSentAgain() throws Exception {
        // Every seventh record is refused the first time it arrives.
        try (StubFirehose firehose = new StubFirehose(STREAM, data -> data.hashCode() % 7 == 0)) {
            List<String> records =
                    IntStream.range(0, 1_200).mapToObj(i -> "record-" + i).toList();
            run(records, firehose, 500);

            assertThat(firehose.failedPerBatch)
                    .as("batches with refused records")
                    .anyMatch(failed -> failed > 0);
            assertThat(firehose.accepted).hasSameSizeAs(records).containsExactlyInAnyOrderElementsOf(records);
            assertThat(firehose.batchSizes).allMatch(size -> size <= 500);
        }
    }

    @Test
    void batchesStayWithin500RecordsAnd4MiB() throws Exception {
        try (StubFirehose firehose = new StubFirehose(STREAM, data -> false)) {
            List<String> records = new ArrayList<>();
            // 30 records of 600 KB: 18 MB in all, so batches are cut by bytes (at most 6 fit in 4 MiB).
            for (int i = 0; i < 30; i++) {
                records.add(i + "-" + "x".repeat(600_000));
            }
            run(records, firehose, 500);

            assertThat(firehose.accepted).containsExactlyInAnyOrderElementsOf(records);
            assertThat(firehose.batchBytes).allMatch(bytes -> bytes <= FirehoseLimits.MAX_BATCH_BYTES);
            assertThat(firehose.batchSizes.size()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aRecordLargerThan1000KiBFailsTheJobNamingItsSize() throws Exception {
        try (StubFirehose firehose = new StubFirehose(STREAM, data -> false)) {
            List<String> records = List.of("small", "y".repeat(1_024_001));

            assertThatThrownBy(() -> run(records, firehose, 500))
                    .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, RecordTooLargeException.class))
                            .get()
                            .extracting(Throwable::getMessage)
                            .isEqualTo("A record of 1024001 bytes cannot be sent to delivery stream " + STREAM
                                    + ": Firehose takes records of at most 1024000 bytes (1,000 KiB)"));
        }
    }

    @Test
    void theBuilderRefusesBatchesBeyondPutRecordBatchsLimit() {
        assertThatThrownBy(() -> FirehoseSink.<String>builder()
                        .deliveryStream(STREAM)
                        .endpoint(java.net.URI.create("http://127.0.0.1:1"))
                        .serializationSchema(new SimpleStringSchema())
                        .maxBatchSize(501)
                        .build())
                .hasMessage("sink.batch.max-size must be 1 to 500, not 501");
    }

    private static void run(List<String> records, StubFirehose firehose, int batch) throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(1);
        env.fromData(records)
                .sinkTo(FirehoseSink.<String>builder()
                        .deliveryStream(STREAM)
                        .endpoint(firehose.endpoint())
                        .serializationSchema(new SimpleStringSchema())
                        .maxBatchSize(batch)
                        .build());
        env.execute("firehose-sink-test");
    }
}
