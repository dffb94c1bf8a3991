package dev.shardline.analytics.application.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.analytics.AnalyticsIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.*;

/** TagResource, UntagResource and ListTagsForResource on an application's ARN, with AWS's limit of 50 tags. */
class AnalyticsTagsTest extends AnalyticsIntegrationTest {

    @Test
    void tagsAreAddedOverwrittenListedAndRemoved() {
        KinesisAnalyticsV2Client client = analytics();
        String name = uniqueName("tags");
        String arn = client.createApplication(r -> r.applicationName(name)
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(ROLE)
                        .tags(tag("team", "data")))
                .applicationDetail()
                .applicationARN();
        assertThat(client.listTagsForResource(r -> r.resourceARN(arn)).tags()).containsExactly(tag("team", "data"));

        client.tagResource(r -> r.resourceARN(arn).tags(tag("cost-center", "42"), tag("team", "ops")));
        assertThat(client.listTagsForResource(r -> r.resourceARN(arn)).tags())
                .containsExactly(tag("cost-center", "42"), tag("team", "ops"));

        client.untagResource(r -> r.resourceARN(arn).tagKeys("team", "not-there"));
        assertThat(client.listTagsForResource(r -> r.resourceARN(arn)).tags())
                .containsExactly(tag("cost-center", "42"));
    }

    @Test
    void fiftyTagsIsTheLimit() {
        KinesisAnalyticsV2Client client = analytics();
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tags.add(tag("k" + i, "v"));
        }
        String arn = client.createApplication(r -> r.applicationName(uniqueName("full"))
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(ROLE)
                        .tags(tags))
                .applicationDetail()
                .applicationARN();
        client.tagResource(r -> r.resourceARN(arn).tags(tag("k0", "overwritten")));
        assertThatThrownBy(() -> client.tagResource(r -> r.resourceARN(arn).tags(tag("one-more", "v"))))
                .isInstanceOf(TooManyTagsException.class)
                .hasMessageContaining("50");
        List<Tag> tooMany = new ArrayList<>(tags);
        tooMany.add(tag("k50", "v"));
        assertThatThrownBy(() -> client.createApplication(r -> r.applicationName(uniqueName("over"))
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(ROLE)
                        .tags(tooMany)))
                .isInstanceOf(TooManyTagsException.class);
    }

    @Test
    void anArnOfNoApplicationIsNotFound() {
        KinesisAnalyticsV2Client client = analytics();
        assertThatThrownBy(() -> client.listTagsForResource(
                        r -> r.resourceARN("arn:aws:kinesisanalytics:us-east-1:000000000000:application/none")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(
                        () -> client.tagResource(r -> r.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/s")
                                .tags(tag("a", "b"))))
                .isInstanceOf(ResourceNotFoundException.class);
        // a NUL byte reached PostgreSQL and was a 500 (found by the fuzzer)
        assertThatThrownBy(() -> client.listTagsForResource(
                        r -> r.resourceARN("arn:aws:kinesisanalytics:us-east-1:000000000000:application/a\u0000b")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
