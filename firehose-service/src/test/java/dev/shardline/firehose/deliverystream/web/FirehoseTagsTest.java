package dev.shardline.firehose.deliverystream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.firehose.FirehoseIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.*;

/** Tagging delivery streams through the AWS SDK, with AWS's limits. */
class FirehoseTagsTest extends FirehoseIntegrationTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private FirehoseClient firehose;

    @BeforeEach
    void client() {
        firehose = firehose();
    }

    @Test
    void tagsAreAddedOverwrittenListedInKeyOrderAPageAtATimeAndRemoved() {
        String name = create(uniqueName("tags"), List.of(tag("team", "data")));
        assertThat(listTags(name, null, null).tags()).containsExactly(tag("team", "data"));

        firehose.tagDeliveryStream(r -> r.deliveryStreamName(name).tags(tag("cost-center", "42"), tag("team", "ops")));
        ListTagsForDeliveryStreamResponse all = listTags(name, null, null);
        assertThat(all.tags()).containsExactly(tag("cost-center", "42"), tag("team", "ops"));
        assertThat(all.hasMoreTags()).isFalse();

        ListTagsForDeliveryStreamResponse first = listTags(name, null, 1);
        assertThat(first.tags()).containsExactly(tag("cost-center", "42"));
        assertThat(first.hasMoreTags()).isTrue();
        ListTagsForDeliveryStreamResponse second = listTags(name, "cost-center", 1);
        assertThat(second.tags()).containsExactly(tag("team", "ops"));
        assertThat(second.hasMoreTags()).isFalse();

        firehose.untagDeliveryStream(r -> r.deliveryStreamName(name).tagKeys("team", "not-there"));
        assertThat(listTags(name, null, null).tags()).containsExactly(tag("cost-center", "42"));
    }

    @Test
    void fiftyTagsIsTheLimitAlsoForConcurrentCalls() throws Exception {
        List<Tag> initial = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            initial.add(tag("k" + i, "v"));
        }
        String name = create(uniqueName("limit"), initial);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Tag extra = tag("extra" + i, "v");
                FirehoseClient client = firehose();
                calls.add(pool.submit(() -> {
                    go.await();
                    try {
                        client.tagDeliveryStream(r -> r.deliveryStreamName(name).tags(extra));
                        return true;
                    } catch (LimitExceededException refused) {
                        assertThat(refused.getMessage()).contains("limit of 50 tags");
                        return false;
                    }
                }));
            }
            go.countDown();
            int accepted = 0;
            for (Future<Boolean> call : calls) {
                accepted += call.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(listTags(name, null, 50).tags()).hasSize(50);
        // Overwriting a tag at the limit is not adding one.
        firehose.tagDeliveryStream(r -> r.deliveryStreamName(name).tags(tag("k0", "changed")));
        assertThat(listTags(name, null, 50).tags()).contains(tag("k0", "changed"));
    }

    @Test
    void keysValuesAndCountsFollowTheApiModel() {
        String name = create(uniqueName("model"), null);
        assertThatThrownBy(() -> firehose.tagDeliveryStream(
                        r -> r.deliveryStreamName(name).tags(tag("aws:x", "v"))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value 'aws:x' at 'tags.1.member.key' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> firehose.tagDeliveryStream(
                        r -> r.deliveryStreamName(name).tags(tag("k".repeat(129), "v"))))
                .hasMessageContaining("Member must have length less than or equal to 128");
        assertThatThrownBy(() -> firehose.tagDeliveryStream(
                        r -> r.deliveryStreamName(name).tags(tag("k", "v".repeat(257)))))
                .hasMessageContaining("at 'tags.1.member.value' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256");
        List<Tag> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(tag("k" + i, "v"));
        }
        assertThatThrownBy(() -> firehose.tagDeliveryStream(
                        r -> r.deliveryStreamName(name).tags(tooMany)))
                .hasMessageContaining("at 'tags' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 50");
        assertThatThrownBy(() -> create(uniqueName("create"), tooMany))
                .hasMessageContaining("Member must have length less than or equal to 50");
        assertThatThrownBy(() -> listTags(name, null, 51))
                .hasMessageContaining("Value '51' at 'limit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 50");
        assertThatThrownBy(() -> firehose.tagDeliveryStream(
                        r -> r.deliveryStreamName("no-such-stream").tags(tag("k", "v"))))
                .isInstanceOf(ResourceNotFoundException.class);
        // Unicode letters, white space and the model's punctuation are allowed; an empty value too.
        firehose.tagDeliveryStream(
                r -> r.deliveryStreamName(name).tags(tag("Übersicht / a=b+c-d@e%f:g", ""), tag("x", null)));
        assertThat(listTags(name, null, null).tags())
                .containsExactly(tag("x", ""), tag("Übersicht / a=b+c-d@e%f:g", ""));
    }

    @Test
    void tagsGoAwayWithTheirStream() {
        String name = create(uniqueName("gone"), List.of(tag("a", "1")));
        awaitActive(firehose, name);
        firehose.deleteDeliveryStream(r -> r.deliveryStreamName(name));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !firehose.listDeliveryStreams(r -> r.limit(10_000))
                        .deliveryStreamNames()
                        .contains(name));

        create(name, null);
        assertThat(listTags(name, null, null).tags()).isEmpty();
    }

    private ListTagsForDeliveryStreamResponse listTags(String name, String after, Integer limit) {
        return firehose.listTagsForDeliveryStream(
                r -> r.deliveryStreamName(name).exclusiveStartTagKey(after).limit(limit));
    }

    private String create(String name, List<Tag> tags) {
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .tags(tags)
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::some-bucket")));
        return name;
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
