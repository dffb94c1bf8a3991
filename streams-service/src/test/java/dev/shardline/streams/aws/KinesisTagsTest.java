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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.*;

/** Tags and resource policies through the official AWS SDK v2 client, in CBOR and in JSON. */
class KinesisTagsTest extends StreamsIntegrationTest {

    private static final String ACCOUNT = "000000000000";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kinesis:GetRecords\","
            + "\"Resource\":\"*\"}]}";

    @Autowired
    private JdbcTemplate jdbc;

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void addTagsToStreamAddsAndOverwritesAndRemoveTagsFromStreamIgnoresUnknownKeys(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("team", "payments", "env", "dev")));
        kinesis.addTagsToStream(r -> r.streamARN(arn(name)).tags(Map.of("env", "prod", "empty", "")));

        assertThat(tags(kinesis, name)).containsExactly(tag("empty", ""), tag("env", "prod"), tag("team", "payments"));
        assertThat(kinesis.listTagsForStream(r -> r.streamName(name)).hasMoreTags())
                .isFalse();

        kinesis.removeTagsFromStream(r -> r.streamARN(arn(name)).tagKeys("env", "never-set"));

        assertThat(tags(kinesis, name)).containsExactly(tag("empty", ""), tag("team", "payments"));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void listTagsForStreamPagesInKeyOrderWithExclusiveStartTagKeyAndLimit(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("d", "4", "b", "2", "a", "1", "e", "5", "c", "3")));

        ListTagsForStreamResponse first =
                kinesis.listTagsForStream(r -> r.streamName(name).limit(2));
        assertThat(first.tags()).containsExactly(tag("a", "1"), tag("b", "2"));
        assertThat(first.hasMoreTags()).isTrue();

        ListTagsForStreamResponse second = kinesis.listTagsForStream(
                r -> r.streamName(name).exclusiveStartTagKey("b").limit(2));
        assertThat(second.tags()).containsExactly(tag("c", "3"), tag("d", "4"));
        assertThat(second.hasMoreTags()).isTrue();

        ListTagsForStreamResponse last = kinesis.listTagsForStream(
                r -> r.streamName(name).exclusiveStartTagKey("d").limit(2));
        assertThat(last.tags()).containsExactly(tag("e", "5"));
        assertThat(last.hasMoreTags()).isFalse();

        // A start key need not be a key of the stream; the page starts after where it would be.
        assertThat(kinesis.listTagsForStream(r -> r.streamName(name).exclusiveStartTagKey("bb"))
                        .tags())
                .extracting(Tag::key)
                .containsExactly("c", "d", "e");
        assertThat(kinesis.listTagsForStream(r -> r.streamName(name).exclusiveStartTagKey("z"))
                        .tags())
                .isEmpty();
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aStreamHoldsAtMostFiftyTagsAndTheDefaultListLimitShowsThemAll(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        kinesis.addTagsToStream(r -> r.streamName(name).tags(numberedTags(0, 30)));
        kinesis.addTagsToStream(r -> r.streamName(name).tags(numberedTags(30, 20)));

        ListTagsForStreamResponse all = kinesis.listTagsForStream(r -> r.streamName(name));
        assertThat(all.tags()).hasSize(50);
        assertThat(all.hasMoreTags()).isFalse();

        assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("one-more", "x"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Failed to add tags to stream " + name + " under account " + ACCOUNT
                        + " because a given stream cannot have more than 50 tags associated with it.");
        assertThatThrownBy(
                        () -> kinesis.tagResource(r -> r.resourceARN(arn(name)).tags(Map.of("one-more", "x"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("cannot have more than 50 tags");
        // Overwriting a key adds no tag, so it is allowed at the limit.
        kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("key-07", "changed")));

        assertThat(tags(kinesis, name)).hasSize(50).contains(tag("key-07", "changed"));
        kinesis.removeTagsFromStream(r -> r.streamName(name).tagKeys("key-00"));
        kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("one-more", "x")));
        assertThat(tags(kinesis, name)).hasSize(50).contains(tag("one-more", "x"));
    }

    @Test
    void concurrentAddsCannotTakeAStreamPastFiftyTags() throws Exception {
        KinesisClient kinesis = kinesis(true);
        String name = activeStream(kinesis, 1);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            // Five writers of 11 new tags each: four fit into 50, the fifth must be refused whatever the timing.
            List<CompletableFuture<Boolean>> adds = IntStream.range(0, 5)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    kinesis.addTagsToStream(
                                            r -> r.streamName(name).tags(numberedTags(i * 11, 11)));
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
            assertThat(tags(kinesis, name)).hasSize(44);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void tagConstraintsAreValidationErrorsInAwsWording(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        String longKey = "k".repeat(129);

        assertValidation(
                () -> kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of(longKey, "v"))),
                "1 validation error detected: Value '{" + longKey + "=v}' at 'tags' failed to satisfy constraint: "
                        + "Map keys must satisfy constraint: [Member must have length less than or equal to 128, "
                        + "Member must have length greater than or equal to 1]");
        assertValidation(
                () -> kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("", "v"))),
                "1 validation error detected: Value '{=v}' at 'tags' failed to satisfy constraint: "
                        + "Map keys must satisfy constraint: [Member must have length less than or equal to 128, "
                        + "Member must have length greater than or equal to 1]");
        assertValidation(
                () -> kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("k", "v".repeat(257)))),
                "1 validation error detected: Value '{k=" + "v".repeat(257) + "}' at 'tags' failed to satisfy "
                        + "constraint: Map value must satisfy constraint: [Member must have length less than or "
                        + "equal to 256, Member must have length greater than or equal to 0]");
        assertValidation(
                () -> kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of())),
                "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have "
                        + "length greater than or equal to 1");
        assertValidation(
                () -> kinesis.addTagsToStream(r -> r.streamName(name).tags(numberedTags(0, 201))),
                "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200");
        assertValidation(
                () -> kinesis.addTagsToStream(r -> r.streamName("bad name").tags(Map.of("k", "v".repeat(257)))),
                "2 validation errors detected: Value '{k=" + "v".repeat(257) + "}' at 'tags' failed to satisfy "
                        + "constraint: Map value must satisfy constraint: [Member must have length less than or "
                        + "equal to 256, Member must have length greater than or equal to 0]; Value 'bad name' at 'streamName' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertValidation(
                () -> kinesis.removeTagsFromStream(r -> r.streamName(name).tagKeys(List.of())),
                "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have "
                        + "length greater than or equal to 1");
        assertValidation(
                () -> kinesis.removeTagsFromStream(r -> r.streamName(name)
                        .tagKeys(new ArrayList<>(numberedTags(0, 51).keySet()))),
                "at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50");
        assertValidation(
                () -> kinesis.removeTagsFromStream(r -> r.streamName(name).tagKeys("ok", longKey)),
                "1 validation error detected: Value '[ok, " + longKey + "]' at 'tagKeys' failed to satisfy "
                        + "constraint: Member must satisfy constraint: [Member must have length less than or equal "
                        + "to 128, Member must have length greater than or equal to 1]");
        assertValidation(
                () -> kinesis.listTagsForStream(r -> r.streamName(name).limit(0)),
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have "
                        + "value greater than or equal to 1");
        assertValidation(
                () -> kinesis.listTagsForStream(r -> r.streamName(name).limit(51)),
                "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have "
                        + "value less than or equal to 50");
        assertValidation(
                () -> kinesis.listTagsForStream(r -> r.streamName(name).exclusiveStartTagKey(longKey)),
                "1 validation error detected: Value '" + longKey + "' at 'exclusiveStartTagKey' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 128");
        assertValidation(
                () -> kinesis.addTagsToStream(r -> r.tags(Map.of("k", "v"))),
                "Either StreamName or StreamARN should be provided.");
        assertThat(tags(kinesis, name)).isEmpty();
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void reservedPrefixesAndIllegalCharactersAreInvalidArguments(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        String failedToAdd = "Failed to add tags to stream " + name + " under account " + ACCOUNT + " because ";

        assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("aws:owner", "me"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(failedToAdd + "tag keys that start with 'aws:' are reserved for AWS use.");
        assertThatThrownBy(
                        () -> kinesis.tagResource(r -> r.resourceARN(arn(name)).tags(Map.of("AWS:Owner", "me"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("reserved for AWS use");
        assertThatThrownBy(() ->
                        kinesis.removeTagsFromStream(r -> r.streamName(name).tagKeys("aws:owner")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Failed to remove tags from stream " + name + " under account " + ACCOUNT
                        + " because tag keys that start with 'aws:' are reserved for AWS use.");
        // AWS's two texts (as kinesalite recorded them): most characters are invalid, '%' is illegal
        assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("cost#centre", "1"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(
                        "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white "
                                + "space, _ . / = + - % @.");
        assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("owner", "<script>"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Some tags contain invalid characters.");
        assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("share", "50%"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith(
                        failedToAdd + "some tags contained illegal characters. The allowed characters are "
                                + "Unicode letters, white-spaces, '_',',','/','=','+','-','@'.");

        // Letters of any script, digits, white space and _ . : / = + - @ are all allowed, in keys and values.
        kinesis.addTagsToStream(
                r -> r.streamName(name).tags(Map.of("Kostenstelle Zürich_1.a:b/c=d+e-f@g", "ёж 42 @x")));
        assertThat(tags(kinesis, name)).containsExactly(tag("Kostenstelle Zürich_1.a:b/c=d+e-f@g", "ёж 42 @x"));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void createStreamTakesTagsAndCreatesNothingWhenTheyAreRefused(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = uniqueName();

        kinesis.createStream(r -> r.streamName(name).shardCount(1).tags(Map.of("team", "payments")));
        awaitActive(kinesis, name);
        assertThat(tags(kinesis, name)).containsExactly(tag("team", "payments"));

        String refused = uniqueName();
        assertThatThrownBy(() -> kinesis.createStream(
                        r -> r.streamName(refused).shardCount(1).tags(Map.of("aws:team", "payments"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("reserved for AWS use");
        assertThatThrownBy(() -> kinesis.createStream(
                        r -> r.streamName(refused).shardCount(1).tags(numberedTags(0, 51))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("cannot have more than 50 tags");
        assertValidation(
                () -> kinesis.createStream(
                        r -> r.streamName(refused).shardCount(1).tags(Map.of("k".repeat(129), "v"))),
                "Map keys must satisfy constraint: [Member must have length less than or equal to 128, "
                        + "Member must have length greater than or equal to 1]");
        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName(refused)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void tagResourceUntagResourceAndListTagsForResourceTakeAStreamArn(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        kinesis.tagResource(r -> r.resourceARN(arn(name)).tags(Map.of("b", "2", "a", "1", "c", "")));
        kinesis.untagResource(r -> r.resourceARN(arn(name)).tagKeys("c", "not-there"));

        assertThat(kinesis.listTagsForResource(r -> r.resourceARN(arn(name))).tags())
                .containsExactly(tag("a", "1"), tag("b", "2"));
        // The same tags as the stream-named actions see.
        assertThat(tags(kinesis, name)).containsExactly(tag("a", "1"), tag("b", "2"));
        assertThat(kinesis.listTagsForResource(r -> r.resourceARN(arn(activeStream(kinesis, 1))))
                        .tags())
                .isEmpty();
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void resourceArnsOfConsumersUnknownStreamsAndOtherServicesAreRefused(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        // No consumer of this name was ever registered on the stream.
        String consumer = arn(name) + "/consumer/my-app:1732000000";
        String unknownStream = arn("no-such-stream-" + UUID.randomUUID());
        String otherAccount = "arn:aws:kinesis:us-east-1:111122223333:stream/" + name;

        for (String resource : List.of(consumer, unknownStream, otherAccount)) {
            for (Consumer<String> call : resourceCalls(kinesis)) {
                assertThatThrownBy(() -> call.accept(resource))
                        .as(resource)
                        .isInstanceOf(ResourceNotFoundException.class);
            }
        }
        assertThatThrownBy(() -> kinesis.listTagsForResource(r -> r.resourceARN(consumer)))
                .hasMessageStartingWith("Consumer " + consumer + " under account " + ACCOUNT + " not found.");
        assertThatThrownBy(() -> kinesis.listTagsForResource(r -> r.resourceARN(unknownStream)))
                .hasMessageStartingWith("Stream " + unknownStream.substring(unknownStream.indexOf('/') + 1)
                        + " under account " + ACCOUNT + " not found.");

        String s3 = "arn:aws:s3:::my-bucket";
        for (Consumer<String> call : resourceCalls(kinesis)) {
            assertValidation(
                    () -> call.accept(s3),
                    "Value '" + s3 + "' at 'resourceARN' failed to satisfy constraint: Member must satisfy regular "
                            + "expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");
        }
        String notAStream = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + name + "/shard/1";
        assertThatThrownBy(() -> kinesis.listTagsForResource(r -> r.resourceARN(notAStream)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid ResourceARN " + notAStream + ".");
        assertValidation(
                () -> kinesis.tagResource(r -> r.tags(Map.of("k", "v"))),
                "1 validation error detected: Value null at 'resourceARN' failed to satisfy constraint: Member must "
                        + "not be null");
        assertValidation(
                () -> kinesis.untagResource(r -> r.resourceARN(arn(name))),
                "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must "
                        + "not be null");
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void resourcePolicyIsPutReplacedReadAndDeleted(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(arn(name))).policy())
                .isEqualTo("{}");

        kinesis.putResourcePolicy(r -> r.resourceARN(arn(name)).policy(POLICY));
        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(arn(name))).policy())
                .isEqualTo(POLICY);

        String replacement = POLICY.replace("GetRecords", "DescribeStreamSummary");
        kinesis.putResourcePolicy(r -> r.resourceARN(arn(name)).policy(replacement));
        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(arn(name))).policy())
                .isEqualTo(replacement);

        kinesis.deleteResourcePolicy(r -> r.resourceARN(arn(name)));
        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(arn(name))).policy())
                .isEqualTo("{}");
        kinesis.deleteResourcePolicy(r -> r.resourceARN(arn(name)));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void aPolicyMustBeAJsonObjectOfAtMostTwentyKibibytes(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);

        assertThatThrownBy(() ->
                        kinesis.putResourcePolicy(r -> r.resourceARN(arn(name)).policy("{\"Version\":")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Policy is not valid JSON.");
        assertThatThrownBy(() ->
                        kinesis.putResourcePolicy(r -> r.resourceARN(arn(name)).policy("{} {}")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Policy is not valid JSON.");
        assertThatThrownBy(() ->
                        kinesis.putResourcePolicy(r -> r.resourceARN(arn(name)).policy("")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Policy is not valid JSON.");
        assertThatThrownBy(() ->
                        kinesis.putResourcePolicy(r -> r.resourceARN(arn(name)).policy("[\"Allow\"]")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Policy must be a JSON object.");
        String padding = "x".repeat(20 * 1024 - "{\"Sid\":\"\"}".length());
        String largest = "{\"Sid\":\"" + padding + "\"}";
        kinesis.putResourcePolicy(r -> r.resourceARN(arn(name)).policy(largest));
        assertThatThrownBy(() -> kinesis.putResourcePolicy(
                        r -> r.resourceARN(arn(name)).policy("{\"Sid\":\"x" + padding + "\"}")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Policy size exceeds the maximum allowed size of 20480 bytes.");
        assertValidation(
                () -> kinesis.putResourcePolicy(r -> r.resourceARN(arn(name))),
                "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not "
                        + "be null");

        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(arn(name))).policy())
                .isEqualTo(largest);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void tagsAndPolicyGoWithTheirStream(boolean cbor) {
        KinesisClient kinesis = kinesis(cbor);
        String name = activeStream(kinesis, 1);
        kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("team", "payments")));
        kinesis.putResourcePolicy(r -> r.resourceARN(arn(name)).policy(POLICY));
        UUID id = jdbc.queryForObject("select id from streams.stream where name = ?", UUID.class, name);
        assertThat(rowsOf(id)).isEqualTo(3);

        kinesis.deleteStream(r -> r.streamName(name));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName(name)))
                        .isInstanceOf(ResourceNotFoundException.class));

        assertThat(rowsOf(id)).isZero();
        assertThatThrownBy(() -> kinesis.listTagsForStream(r -> r.streamName(name)))
                .isInstanceOf(ResourceNotFoundException.class);
        kinesis.createStream(r -> r.streamName(name).shardCount(1));
        awaitActive(kinesis, name);
        assertThat(tags(kinesis, name)).isEmpty();
        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(arn(name))).policy())
                .isEqualTo("{}");
    }

    /** Tag, policy and tag-set rows that refer to a stream id. */
    private int rowsOf(UUID id) {
        return jdbc.queryForObject(
                "select (select count(*) from streams.stream_tag where stream_id = ?)"
                        + " + (select count(*) from streams.stream_tag_set where stream_id = ?)"
                        + " + (select count(*) from streams.resource_policy where stream_id = ?)",
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

    private static List<Tag> tags(KinesisClient kinesis, String name) {
        return kinesis.listTagsForStream(r -> r.streamName(name)).tags();
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

    private static String arn(String name) {
        return "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + name;
    }
}
