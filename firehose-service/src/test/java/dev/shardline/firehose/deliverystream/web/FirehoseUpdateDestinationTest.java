package dev.shardline.firehose.deliverystream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.*;

/** UpdateDestination through the AWS SDK: merge, versions, races, refusals, and delivery to the new destination. */
class FirehoseUpdateDestinationTest extends FirehoseIntegrationTest {

    private static final String DESTINATION_ID = "destinationId-000000000001";

    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose();
    }

    @Test
    void anUpdateReplacesTheMembersGivenKeepsTheOthersAndBumpsTheVersion() {
        String name = activeStream(firehose, "some-bucket", "logs/", 1, 900, "GZIP");
        DeliveryStreamDescription before = describe(name);
        assertThat(before.versionId()).isEqualTo("1");

        update(name, "1", d -> d.prefix("new/").bufferingHints(h -> h.intervalInSeconds(60)));

        DeliveryStreamDescription after = describe(name);
        assertThat(after.versionId()).isEqualTo("2");
        assertThat(after.lastUpdateTimestamp()).isAfter(before.lastUpdateTimestamp());
        ExtendedS3DestinationDescription s3 = after.destinations().get(0).extendedS3DestinationDescription();
        assertThat(s3.prefix()).isEqualTo("new/");
        assertThat(s3.bufferingHints().intervalInSeconds()).isEqualTo(60);
        assertThat(s3.bufferingHints().sizeInMBs()).isEqualTo(1); // not given: kept
        assertThat(s3.compressionFormat()).isEqualTo(CompressionFormat.GZIP);
        assertThat(s3.bucketARN()).isEqualTo("arn:aws:s3:::some-bucket");

        // The plain S3DestinationUpdate merges its members the same way.
        firehose.updateDestination(r -> r.deliveryStreamName(name)
                .currentDeliveryStreamVersionId("2")
                .destinationId(DESTINATION_ID)
                .s3DestinationUpdate(d -> d.compressionFormat(CompressionFormat.UNCOMPRESSED)));
        DeliveryStreamDescription third = describe(name);
        assertThat(third.versionId()).isEqualTo("3");
        assertThat(third.destinations().get(0).extendedS3DestinationDescription())
                .satisfies(d -> assertThat(d.compressionFormat()).isEqualTo(CompressionFormat.UNCOMPRESSED))
                .satisfies(d -> assertThat(d.prefix()).isEqualTo("new/"));
    }

    @Test
    void aStaleVersionIsAConcurrentModification() {
        String name = activeStream(firehose, "some-bucket", "", 1, 900, "UNCOMPRESSED");
        update(name, "1", d -> d.prefix("a/"));

        assertThatThrownBy(() -> update(name, "1", d -> d.prefix("b/")))
                .isInstanceOf(ConcurrentModificationException.class)
                .hasMessageContaining("Another modification has already happened. Fetch VersionId again");
        assertThat(describe(name)
                        .destinations()
                        .get(0)
                        .extendedS3DestinationDescription()
                        .prefix())
                .isEqualTo("a/");
    }

    @Test
    void ofTwoUpdatesFromTheSameVersionExactlyOneWins() throws Exception {
        String name = activeStream(firehose, "some-bucket", "", 1, 900, "UNCOMPRESSED");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (String prefix : List.of("first/", "second/")) {
                FirehoseClient client = firehose();
                Callable<String> call = () -> {
                    go.await();
                    try {
                        client.updateDestination(r -> r.deliveryStreamName(name)
                                .currentDeliveryStreamVersionId("1")
                                .destinationId(DESTINATION_ID)
                                .extendedS3DestinationUpdate(d -> d.prefix(prefix)));
                        return prefix;
                    } catch (ConcurrentModificationException lost) {
                        return "lost";
                    }
                };
                outcomes.add(pool.submit(call));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).containsOnlyOnce("lost");
            String winner =
                    results.stream().filter(r -> !r.equals("lost")).findFirst().orElseThrow();
            DeliveryStreamDescription description = describe(name);
            assertThat(description.versionId()).isEqualTo("2");
            assertThat(description
                            .destinations()
                            .get(0)
                            .extendedS3DestinationDescription()
                            .prefix())
                    .isEqualTo(winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownDestinationIdOrAnotherDestinationTypeIsAnInvalidArgument() {
        String name = activeStream(firehose, "some-bucket", "", 1, 900, "UNCOMPRESSED");
        assertThatThrownBy(() -> firehose.updateDestination(r -> r.deliveryStreamName(name)
                        .currentDeliveryStreamVersionId("1")
                        .destinationId("destinationId-000000000002")
                        .extendedS3DestinationUpdate(d -> d.prefix("x/"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("destinationId-000000000002");
        assertThatThrownBy(() -> firehose.updateDestination(r -> r.deliveryStreamName(name)
                        .currentDeliveryStreamVersionId("1")
                        .destinationId(DESTINATION_ID)
                        .httpEndpointDestinationUpdate(h -> h.endpointConfiguration(e -> e.url("https://example")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("changing its destination type to HttpEndpoint is not supported yet");
        assertThat(describe(name).versionId()).isEqualTo("1");
    }

    @Test
    void anUpdateIsValidatedAsCreateIsWithAwsWording() {
        String name = activeStream(firehose, "some-bucket", "", 1, 900, "UNCOMPRESSED");
        assertThatThrownBy(() -> update(name, "v1", d -> d.prefix("x/")))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value 'v1' at 'currentDeliveryStreamVersionId' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [0-9]+");
        assertThatThrownBy(() -> firehose.updateDestination(
                        r -> r.deliveryStreamName(name).extendedS3DestinationUpdate(d -> d.prefix("x/"))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("2 validation errors detected")
                .hasMessageContaining("Value null at 'currentDeliveryStreamVersionId' failed to satisfy constraint: "
                        + "Member must not be null");
        assertThatThrownBy(() -> update(name, "1", d -> d.bufferingHints(h -> h.sizeInMBs(0))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value '0' at 'extendedS3DestinationUpdate.bufferingHints.sizeInMBs' failed to "
                        + "satisfy constraint: Member must have value greater than or equal to 1");
        assertThatThrownBy(() -> update(name, "1", d -> d.customTimeZone("Mars/Olympus_Mons")))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> update("no-such-stream", "1", d -> d.prefix("x/")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(describe(name).versionId()).isEqualTo("1");
    }

    @Test
    void recordsPutAfterAnUpdateAreDeliveredToTheNewBucketAndNoneIsLost() {
        String oldBucket = newBucket();
        String newBucket = newBucket();
        String name = activeStream(firehose, oldBucket, "", 1, 1, "UNCOMPRESSED");
        put(name, "before-1\n");
        put(name, "before-2\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> contents(oldBucket).contains("before-2\n"));

        put(name, "in-flight\n"); // most likely still in the old worker's open batch: replayed, not lost
        update(name, "1", d -> d.bucketARN("arn:aws:s3:::" + newBucket));
        put(name, "after-1\n");
        put(name, "after-2\n");

        List<String> lines = List.of("before-1\n", "before-2\n", "in-flight\n", "after-1\n", "after-2\n");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String all = contents(oldBucket) + contents(newBucket);
            lines.forEach(line -> assertThat(all).containsOnlyOnce(line));
        });
        assertThat(contents(oldBucket)).doesNotContain("after-");
        assertThat(contents(newBucket)).contains("after-1\n", "after-2\n");
    }

    private void put(String name, String data) {
        firehose.putRecord(r -> r.deliveryStreamName(name).record(x -> x.data(SdkBytes.fromUtf8String(data))));
    }

    private String contents(String bucket) {
        StringBuilder all = new StringBuilder();
        objects(bucket).forEach(o -> all.append(new String(read(bucket, o.key()), StandardCharsets.UTF_8)));
        return all.toString();
    }

    private void update(String name, String version, Consumer<ExtendedS3DestinationUpdate.Builder> update) {
        firehose.updateDestination(r -> r.deliveryStreamName(name)
                .currentDeliveryStreamVersionId(version)
                .destinationId(DESTINATION_ID)
                .extendedS3DestinationUpdate(update));
    }

    private DeliveryStreamDescription describe(String name) {
        return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)).deliveryStreamDescription();
    }
}
