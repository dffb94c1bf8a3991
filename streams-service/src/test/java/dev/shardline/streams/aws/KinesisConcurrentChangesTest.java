package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.platform.testing.SimultaneousCalls;
import dev.shardline.streams.StreamsIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Requests that change one stream at the same moment: AWS serialises them, so each either succeeds or is refused with
 * a client error (the stream is no longer ACTIVE, or gone). The fuzzer found concurrent DeleteStream calls answered
 * with a 500 when two transactions raced on the stream's version.
 */
class KinesisConcurrentChangesTest extends StreamsIntegrationTest {

    private static final int CALLERS = 6;
    private static final int ROUNDS = 4;

    @Test
    void concurrentDeletesOfOneStreamAreRefusedAsClientErrorsNotInternalFailures() throws Exception {
        List<String> outcomes = race(List.of((kinesis, name) -> kinesis.deleteStream(r -> r.streamName(name))));

        assertThat(outcomes).contains("ok").allMatch(o -> o.equals("ok") || o.startsWith("400 "));
        // One delete per round wins; the others find the stream DELETING (or gone).
        assertThat(outcomes.stream().filter("ok"::equals)).hasSize(ROUNDS);
    }

    @Test
    void concurrentReshardingAndDeletionOfOneStreamNeverFailsInternally() throws Exception {
        List<String> outcomes = race(List.of(
                (kinesis, name) -> kinesis.deleteStream(r -> r.streamName(name)),
                (kinesis, name) -> kinesis.updateShardCount(
                        r -> r.streamName(name).targetShardCount(4).scalingType("UNIFORM_SCALING")),
                (kinesis, name) -> kinesis.increaseStreamRetentionPeriod(
                        r -> r.streamName(name).retentionPeriodHours(48))));

        assertThat(outcomes).allMatch(o -> o.equals("ok") || o.startsWith("400 "));
    }

    /** Each round: a new 2-shard stream, then {@link #CALLERS} calls on it at once, in both encodings, no retries. */
    private List<String> race(List<BiConsumer<KinesisClient, String>> calls) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String name = activeStream(kinesis(false), 2);
            List<Runnable> calling = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                BiConsumer<KinesisClient, String> call = calls.get(i % calls.size());
                KinesisClient client = kinesisWithoutRetries(i % 2 == 0);
                calling.add(() -> call.accept(client, name));
            }
            outcomes.addAll(SimultaneousCalls.race(calling));
        }
        return outcomes;
    }
}
