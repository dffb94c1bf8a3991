package dev.shardline.streams.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.streams.StreamsIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Tag;

/** Tags and resource policies of enhanced fan-out consumers, by consumer ARN, through the AWS SDK v2 client. */
class KinesisConsumerTagsTest extends StreamsIntegrationTest {

    private static final String ACCOUNT = "000000000000";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kinesis:SubscribeToShard\","
            + "\"Resource\":\"*\"}]}";

    @Autowired
    private JdbcTemplate jdbc;

    /** Streams this class created; deleted after each test, as the test JVM shares one account's shard limit. */
    private final List<String> streams = new ArrayList<>();

    @AfterEach
    void deleteStreams() {
        KinesisClient kinesis = kinesis(true);
        for (String stream : streams) {
            kinesis.deleteStream(r -> r.streamName(stream).enforceConsumerDeletion(true));
        }
        for (String stream : streams) {
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName(stream)))
                                    .isInstanceOf(ResourceNotFoundException.class));
        }
        streams.clear();
    }

    private String stream(KinesisClient kinesis) {
        String stream = activeStream(kinesis, 1);
        streams.add(stream);
        return stream;
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void tagResourceUntagResourceAndListTagsForResourceTakeAConsumerArn(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = stream(kinesis);
        String consumer = activeConsumer(kinesis, stream, "billing");
        String sibling = activeConsumer(kinesis, stream, "audit");

        kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of("b", "2", "a", "1", "c", "")));
        kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of("a", "changed")));
        kinesis.untagResource(r -> r.resourceARN(consumer).tagKeys("c", "not-there"));

        assertThat(tags(kinesis, consumer)).containsExactly(tag("a", "changed"), tag("b", "2"));
        // A consumer's tags are its own: neither its stream nor another consumer of the stream sees them.
        assertThat(kinesis.listTagsForStream(r -> r.streamName(stream)).tags()).isEmpty();
        assertThat(tags(kinesis, sibling)).isEmpty();
        kinesis.addTagsToStream(r -> r.streamName(stream).tags(Map.of("stream-only", "x")));
        assertThat(tags(kinesis, consumer)).containsExactly(tag("a", "changed"), tag("b", "2"));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aConsumerHoldsAtMostFiftyTags(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = stream(kinesis);
        String consumer = activeConsumer(kinesis, stream, "tagged");
        kinesis.tagResource(r -> r.resourceARN(consumer).tags(numberedTags(0, 30)));
        kinesis.tagResource(r -> r.resourceARN(consumer).tags(numberedTags(30, 20)));

        assertThatThrownBy(
                        () -> kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of("one-more", "x"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Failed to add tags to consumer tagged under stream " + stream
                        + " under account " + ACCOUNT
                        + " because a given consumer cannot have more than 50 tags associated with it.");
        assertThatThrownBy(
                        () -> kinesis.tagResource(r -> r.resourceARN(consumer).tags(numberedTags(40, 11))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("cannot have more than 50 tags");
        // Overwriting a key adds no tag, so it is allowed at the limit.
        kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of("key-07", "changed")));
        assertThat(tags(kinesis, consumer)).hasSize(50).contains(tag("key-07", "changed"));

        kinesis.untagResource(r -> r.resourceARN(consumer).tagKeys("key-00"));
        kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of("one-more", "x")));
        assertThat(tags(kinesis, consumer)).hasSize(50).contains(tag("one-more", "x"));
    }

    @Test
    void concurrentTagResourceCallsCannotTakeAConsumerPastFiftyTags() throws Exception {
        KinesisClient kinesis = kinesis(true);
        String consumer = activeConsumer(kinesis, stream(kinesis), "contended");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            // Five writers of 11 new tags each: four fit into 50, the fifth must be refused whatever the timing.
            List<CompletableFuture<Boolean>> adds = IntStream.range(0, 5)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    kinesis.tagResource(
                                            r -> r.resourceARN(consumer).tags(numberedTags(i * 11, 11)));
                                    return true;
                                } catch (InvalidArgumentException refused) {
                                    return false;
                                }
                            },
                            pool))
                    .toList();
            List<Boolean> succeeded = new ArrayList<>();
            for (CompletableFuture<Boolean> add : adds) {
                succeeded.add(add.get());
            }

            assertThat(succeeded).containsOnlyOnce(false);
            assertThat(tags(kinesis, consumer)).hasSize(44);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void consumerTagsAreValidatedAsStreamTagsAre(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = stream(kinesis);
        String consumer = activeConsumer(kinesis, stream, "strict");
        String longKey = "k".repeat(129);
        String failed = " consumer strict under stream " + stream + " under account " + ACCOUNT + " because ";

        assertValidation(
                () -> kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of(longKey, "v"))),
                "1 validation error detected: Value '{" + longKey + "=v}' at 'tags' failed to satisfy constraint: "
                        + "Map keys must satisfy constraint: [Member must have length less than or equal to 128, "
                        + "Member must have length greater than or equal to 1]");
        assertValidation(
                () -> kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of("k", "v".repeat(257)))),
                "Map value must satisfy constraint: [Member must have length less than or equal to 256, "
                        + "Member must have length greater than or equal to 0]");
        assertValidation(
                () -> kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of())),
                "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have "
                        + "length greater than or equal to 1");
        assertValidation(
                () -> kinesis.tagResource(r -> r.resourceARN(consumer).tags(numberedTags(0, 201))),
                "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200");
        assertValidation(
                () -> kinesis.untagResource(r -> r.resourceARN(consumer).tagKeys(List.of())),
                "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have "
                        + "length greater than or equal to 1");
        assertValidation(
                () -> kinesis.untagResource(r -> r.resourceARN(consumer).tagKeys("ok", longKey)),
                "at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length "
                        + "less than or equal to 128, Member must have length greater than or equal to 1]");

        assertThatThrownBy(
                        () -> kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of("AWS:owner", "me"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(
                        "Failed to add tags to" + failed + "tag keys that start with 'aws:' are reserved for AWS use.");
        assertThatThrownBy(
                        () -> kinesis.untagResource(r -> r.resourceARN(consumer).tagKeys("aws:owner")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Failed to remove tags from" + failed
                        + "tag keys that start with 'aws:' are reserved for AWS use.");
        assertThatThrownBy(
                        () -> kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of("owner", "<script>"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Some tags contain invalid characters.");
        assertThat(tags(kinesis, consumer)).isEmpty();

        kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of("Kostenstelle Zürich_1.a:b/c=d+e-f@g", "ёж 42")));
        assertThat(tags(kinesis, consumer)).containsExactly(tag("Kostenstelle Zürich_1.a:b/c=d+e-f@g", "ёж 42"));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aConsumerPolicyIsPutReplacedReadAndDeleted(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = stream(kinesis);
        String consumer = activeConsumer(kinesis, stream, "guarded");

        assertThat(policy(kinesis, consumer)).isEqualTo("{}");
        kinesis.putResourcePolicy(r -> r.resourceARN(consumer).policy(POLICY));
        assertThat(policy(kinesis, consumer)).isEqualTo(POLICY);
        // The consumer's policy is not its stream's.
        assertThat(policy(kinesis, streamArn(kinesis, stream))).isEqualTo("{}");

        String replacement = POLICY.replace("SubscribeToShard", "DescribeStreamConsumer");
        kinesis.putResourcePolicy(r -> r.resourceARN(consumer).policy(replacement));
        assertThat(policy(kinesis, consumer)).isEqualTo(replacement);

        assertThatThrownBy(() ->
                        kinesis.putResourcePolicy(r -> r.resourceARN(consumer).policy("[\"Allow\"]")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Policy must be a JSON object.");
        assertThatThrownBy(() ->
                        kinesis.putResourcePolicy(r -> r.resourceARN(consumer).policy("{\"Version\":")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Policy is not valid JSON.");
        assertThat(policy(kinesis, consumer)).isEqualTo(replacement);

        kinesis.deleteResourcePolicy(r -> r.resourceARN(consumer));
        assertThat(policy(kinesis, consumer)).isEqualTo("{}");
        kinesis.deleteResourcePolicy(r -> r.resourceARN(consumer));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void tagsAndPolicyGoWithTheirConsumer(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = stream(kinesis);
        String consumer = activeConsumer(kinesis, stream, "leaving");
        kinesis.tagResource(r -> r.resourceARN(consumer).tags(Map.of("team", "payments")));
        kinesis.putResourcePolicy(r -> r.resourceARN(consumer).policy(POLICY));
        UUID id = jdbc.queryForObject(
                "select c.id from streams.consumer c join streams.stream s on s.id = c.stream_id"
                        + " where s.name = ? and c.name = 'leaving'",
                UUID.class,
                stream);
        assertThat(rowsOf(id)).isEqualTo(3);

        kinesis.deregisterStreamConsumer(r -> r.consumerARN(consumer));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThatThrownBy(() -> kinesis.describeStreamConsumer(r -> r.consumerARN(consumer)))
                                .isInstanceOf(ResourceNotFoundException.class));

        assertThat(rowsOf(id)).isZero();
        for (Consumer<String> call : resourceCalls(kinesis)) {
            assertThatThrownBy(() -> call.accept(consumer))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageStartingWith("Consumer " + consumer + " under account " + ACCOUNT + " not found.");
        }
        // A consumer registered again under the name starts without the old one's tags and policy.
        String again = activeConsumer(kinesis, stream, "leaving");
        assertThat(tags(kinesis, again)).isEmpty();
        assertThat(policy(kinesis, again)).isEqualTo("{}");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void consumerArnsThatNameNoConsumerAreResourceNotFound(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String stream = stream(kinesis);
        String consumer = activeConsumer(kinesis, stream, "known");
        String streamArn = streamArn(kinesis, stream);
        long created = Long.parseLong(consumer.substring(consumer.lastIndexOf(':') + 1));

        List<String> unknown = List.of(
                streamArn + "/consumer/unknown:" + created,
                streamArn + "/consumer/known:" + (created - 1),
                "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/no-such-stream-" + UUID.randomUUID()
                        + "/consumer/known:" + created,
                streamArn + "/consumer/" + "n".repeat(129) + ":" + created);
        for (String arn : unknown) {
            for (Consumer<String> call : resourceCalls(kinesis)) {
                assertThatThrownBy(() -> call.accept(arn))
                        .as(arn)
                        .isInstanceOf(ResourceNotFoundException.class)
                        .hasMessageStartingWith("Consumer " + arn + " under account " + ACCOUNT + " not found.");
            }
        }
        // Nothing was stored for the real consumer on the way.
        assertThat(tags(kinesis, consumer)).isEmpty();
        assertThat(policy(kinesis, consumer)).isEqualTo("{}");
    }

    /** Tag, tag-set and policy rows that refer to a consumer id. */
    private int rowsOf(UUID id) {
        return jdbc.queryForObject(
                "select (select count(*) from streams.consumer_tag where consumer_id = ?)"
                        + " + (select count(*) from streams.consumer_tag_set where consumer_id = ?)"
                        + " + (select count(*) from streams.consumer_resource_policy where consumer_id = ?)",
                Integer.class,
                id,
                id,
                id);
    }

    /** Every action that takes a ResourceARN, called with a valid request for that ARN. */
    private static List<Consumer<String>> resourceCalls(KinesisClient kinesis) {
        return List.of(
                arn -> kinesis.tagResource(r -> r.resourceARN(arn).tags(Map.of("k", "v"))),
                arn -> kinesis.untagResource(r -> r.resourceARN(arn).tagKeys("k")),
                arn -> kinesis.listTagsForResource(r -> r.resourceARN(arn)),
                arn -> kinesis.putResourcePolicy(r -> r.resourceARN(arn).policy(POLICY)),
                arn -> kinesis.getResourcePolicy(r -> r.resourceARN(arn)),
                arn -> kinesis.deleteResourcePolicy(r -> r.resourceARN(arn)));
    }

    private static void assertValidation(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KinesisException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }

    private static List<Tag> tags(KinesisClient kinesis, String resourceArn) {
        return kinesis.listTagsForResource(r -> r.resourceARN(resourceArn)).tags();
    }

    private static String policy(KinesisClient kinesis, String resourceArn) {
        return kinesis.getResourcePolicy(r -> r.resourceARN(resourceArn)).policy();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static Map<String, String> numberedTags(int from, int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = from; i < from + count; i++) {
            tags.put(String.format("key-%02d", i), "value-" + i);
        }
        return tags;
    }

    private static String streamArn(KinesisClient kinesis, String stream) {
        return kinesis.describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary()
                .streamARN();
    }

    private static String activeConsumer(KinesisClient kinesis, String stream, String name) {
        String arn = kinesis.registerStreamConsumer(
                        r -> r.streamARN(streamArn(kinesis, stream)).consumerName(name))
                .consumer()
                .consumerARN();
        await().atMost(WAIT)
                .until(() -> kinesis.describeStreamConsumer(r -> r.consumerARN(arn))
                                .consumerDescription()
                                .consumerStatus()
                        == ConsumerStatus.ACTIVE);
        return arn;
    }
}
