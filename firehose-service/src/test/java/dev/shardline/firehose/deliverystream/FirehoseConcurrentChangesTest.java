package dev.shardline.firehose.deliverystream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.FirehoseIntegrationTest;
import dev.shardline.platform.testing.SimultaneousCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Requests that change one delivery stream at the same moment: AWS serialises them, so each either succeeds or is
 * refused with a client error, never an internal failure from two transactions racing on the row's version.
 */
class FirehoseConcurrentChangesTest extends FirehoseIntegrationTest {

    private static final int CALLERS = 6;
    private static final int ROUNDS = 3;

    @Test
    void concurrentDeletesAndTagChangesOfOneDeliveryStreamNeverFailInternally() throws Exception {
        String bucket = newBucket();
        List<BiConsumer<FirehoseClient, String>> calls = List.of(
                (firehose, name) -> firehose.deleteDeliveryStream(r -> r.deliveryStreamName(name)),
                (firehose, name) -> firehose.tagDeliveryStream(
                        r -> r.deliveryStreamName(name).tags(t -> t.key("k").value("v"))),
                (firehose, name) -> firehose.stopDeliveryStreamEncryption(r -> r.deliveryStreamName(name)));
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String name = activeStream(firehose(), bucket, "p/", 1, 60, "UNCOMPRESSED");
            List<Runnable> calling = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                BiConsumer<FirehoseClient, String> call = calls.get(i % calls.size());
                FirehoseClient client = firehoseWithoutRetries();
                calling.add(() -> call.accept(client, name));
            }
            outcomes.addAll(SimultaneousCalls.race(calling));
        }

        assertThat(outcomes).allMatch(o -> o.equals("ok") || o.startsWith("400 "), "ok or a client error");
    }
}
