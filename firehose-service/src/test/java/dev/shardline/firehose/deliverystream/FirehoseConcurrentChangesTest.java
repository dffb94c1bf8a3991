package dev.shardline.firehose.deliverystream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Requests that change one delivery stream at the same moment: AWS serialises them, so each either succeeds or is
 * refused with a client error, never an internal failure from two transactions racing on the row's version.
 */
class FirehoseConcurrentChangesTest extends FirehoseIntegrationTest {

    private static final int CALLERS = 6;
    private static final int ROUNDS = 3;

    private String name;

    @Test
    void concurrentDeletesAndTagChangesOfOneDeliveryStreamNeverFailInternally() throws Exception {
        String bucket = newBucket();
        List<String> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        List<Consumer<FirehoseClient>> calls = List.of(
                firehose -> firehose.deleteDeliveryStream(r -> r.deliveryStreamName(name)),
                firehose -> firehose.tagDeliveryStream(
                        r -> r.deliveryStreamName(name).tags(t -> t.key("k").value("v"))),
                firehose -> firehose.stopDeliveryStreamEncryption(r -> r.deliveryStreamName(name)));
        try {
            for (int round = 0; round < ROUNDS; round++) {
                name = activeStream(firehose(), bucket, "p/", 1, 60, "UNCOMPRESSED");
                CyclicBarrier start = new CyclicBarrier(CALLERS);
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    Consumer<FirehoseClient> call = calls.get(i % calls.size());
                    FirehoseClient client = FirehoseClient.builder()
                            .endpointOverride(endpoint())
                            .region(Region.US_EAST_1)
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                            .httpClient(UrlConnectionHttpClient.create())
                            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                            .build();
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

        assertThat(outcomes).allMatch(o -> o.equals("ok") || o.startsWith("400 "), "ok or a client error");
    }
}
