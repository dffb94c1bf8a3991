package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.StreamsIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
        List<String> outcomes = race(kinesis -> kinesis.deleteStream(r -> r.streamName(streamName)));

        assertThat(outcomes).contains("ok").allMatch(o -> o.equals("ok") || o.startsWith("400 "));
        // One delete per round wins; the others find the stream DELETING (or gone).
        assertThat(outcomes.stream().filter("ok"::equals)).hasSize(ROUNDS);
    }

    @Test
    void concurrentReshardingAndDeletionOfOneStreamNeverFailsInternally() throws Exception {
        List<String> outcomes = race(
                kinesis -> kinesis.deleteStream(r -> r.streamName(streamName)),
                kinesis -> kinesis.updateShardCount(
                        r -> r.streamName(streamName).targetShardCount(4).scalingType("UNIFORM_SCALING")),
                kinesis -> kinesis.increaseStreamRetentionPeriod(
                        r -> r.streamName(streamName).retentionPeriodHours(48)));

        assertThat(outcomes).allMatch(o -> o.equals("ok") || o.startsWith("400 "));
    }

    private String streamName;

    @SafeVarargs
    private List<String> race(Consumer<KinesisClient>... calls) throws Exception {
        List<String> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                KinesisClient setup = kinesis(false);
                streamName = activeStream(setup, 2);
                CyclicBarrier start = new CyclicBarrier(CALLERS);
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    Consumer<KinesisClient> call = calls[i % calls.length];
                    KinesisClient client = kinesisWithoutRetries(i % 2 == 0);
                    answers.add(pool.submit(() -> {
                        start.await();
                        try {
                            call.accept(client);
                            return "ok";
                        } catch (AwsServiceException e) {
                            return e.statusCode() + " " + e.awsErrorDetails().errorCode();
                        }
                    }));
                }
                for (Future<String> answer : answers) {
                    outcomes.add(answer.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }
}
