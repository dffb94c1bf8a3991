package dev.shardline.video.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.video.VideoIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.AccountStreamLimitExceededException;
import software.amazon.awssdk.services.kinesisvideo.model.ComparisonOperator;
import software.amazon.awssdk.services.kinesisvideo.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideo.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.Status;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;
import software.amazon.awssdk.services.kinesisvideo.model.TagsPerResourceExceededLimitException;
import software.amazon.awssdk.services.kinesisvideo.model.UpdateDataRetentionOperation;
import software.amazon.awssdk.services.kinesisvideo.model.VersionMismatchException;

/** The control plane through the official AWS SDK v2 KinesisVideoClient: every action and its main errors. */
class VideoStreamActionsTest extends VideoIntegrationTest {

    private KinesisVideoClient video;

    @BeforeEach
    void client() {
        video = video();
    }

    @Test
    void createStreamStartsCreatingTurnsActiveAndDescribesInAwsShapes() {
        String name = uniqueName("cam");
        Instant before = Instant.now().minusSeconds(1);
        String arn = video.createStream(r -> r.streamName(name)
                        .deviceName("door-1")
                        .mediaType("video/h264")
                        .dataRetentionInHours(24)
                        .tags(Map.of("site", "lab")))
                .streamARN();

        assertThat(arn).matches("arn:aws:kinesisvideo:eu-west-1:" + ACCOUNT + ":stream/" + name + "/\\d{13}");
        StreamInfo info = video.describeStream(r -> r.streamName(name)).streamInfo();
        assertThat(info.status()).isIn(Status.CREATING, Status.ACTIVE);
        assertThat(info.streamName()).isEqualTo(name);
        assertThat(info.streamARN()).isEqualTo(arn);
        assertThat(info.deviceName()).isEqualTo("door-1");
        assertThat(info.mediaType()).isEqualTo("video/h264");
        assertThat(info.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:" + ACCOUNT + ":alias/aws/kinesisvideo");
        assertThat(info.dataRetentionInHours()).isEqualTo(24);
        assertThat(info.version()).matches("[a-zA-Z0-9]{20}");
        assertThat(info.creationTime()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(arn).endsWith("/" + info.creationTime().toEpochMilli());

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        video.describeStream(r -> r.streamARN(arn)).streamInfo().status() == Status.ACTIVE);
    }

    @Test
    void aStreamNameIsUniqueAndMustFitAwsConstraints() {
        String name = uniqueName("dup");
        video.createStream(r -> r.streamName(name).kmsKeyId("alias/my-key"));
        assertThat(video.describeStream(r -> r.streamName(name)).streamInfo().kmsKeyId())
                .isEqualTo("alias/my-key");

        assertThatThrownBy(() -> video.createStream(r -> r.streamName(name)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining(name);
        assertThatThrownBy(() -> video.createStream(r -> r.streamName("has space")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("1 validation error detected: Value 'has space' at 'streamName' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> video.createStream(r -> r.streamName("x".repeat(257))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Member must have length less than or equal to 256");
        assertThatThrownBy(() ->
                        video.createStream(r -> r.streamName(uniqueName("neg")).dataRetentionInHours(-1)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Value '-1' at 'dataRetentionInHours' failed to satisfy constraint: Member must "
                        + "have value greater than or equal to 0");
    }

    @Test
    void anUnknownStreamIsResourceNotFoundWithStatus404() {
        assertThatThrownBy(() -> video.describeStream(r -> r.streamName(uniqueName("nothing"))))
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> video.describeStream(
                        r -> r.streamARN("arn:aws:kinesisvideo:eu-west-1:" + ACCOUNT + ":stream/nothing/1")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> video.describeStream(r -> r.streamARN("not-an-arn")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void listStreamsPagesInNameOrderAndFiltersByPrefix() {
        String prefix = uniqueName("list");
        for (String suffix : List.of("c", "a", "b")) {
            video.createStream(r -> r.streamName(prefix + "-" + suffix));
        }

        ListStreamsResponse first = video.listStreams(r -> r.maxResults(2)
                .streamNameCondition(c ->
                        c.comparisonOperator(ComparisonOperator.BEGINS_WITH).comparisonValue(prefix)));
        assertThat(first.streamInfoList())
                .extracting(StreamInfo::streamName)
                .containsExactly(prefix + "-a", prefix + "-b");
        assertThat(first.nextToken()).isNotNull();
        ListStreamsResponse second = video.listStreams(r -> r.maxResults(2)
                .nextToken(first.nextToken())
                .streamNameCondition(c ->
                        c.comparisonOperator(ComparisonOperator.BEGINS_WITH).comparisonValue(prefix)));
        assertThat(second.streamInfoList()).extracting(StreamInfo::streamName).containsExactly(prefix + "-c");
        assertThat(second.nextToken()).isNull();

        assertThat(video.listStreamsPaginator(r -> r.maxResults(1)).streamInfoList().stream()
                        .map(StreamInfo::streamName)
                        .filter(n -> n.startsWith(prefix)))
                .hasSize(3);
    }

    @Test
    void deleteStreamChecksTheVersionThenDeletes() {
        String name = uniqueName("del");
        String arn = activeStream(video, name, 0);
        String version =
                video.describeStream(r -> r.streamName(name)).streamInfo().version();

        assertThatThrownBy(() -> video.deleteStream(r -> r.streamARN(arn).currentVersion("stale")))
                .isInstanceOf(VersionMismatchException.class);
        video.deleteStream(r -> r.streamARN(arn).currentVersion(version));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThatThrownBy(() -> video.describeStream(r -> r.streamName(name)))
                        .isInstanceOf(ResourceNotFoundException.class));
        assertThatThrownBy(() -> video.deleteStream(r -> r.streamARN(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void updateStreamChangesDeviceAndMediaTypeUnderANewVersion() {
        String name = uniqueName("upd");
        activeStream(video, name, 0);
        String version =
                video.describeStream(r -> r.streamName(name)).streamInfo().version();

        video.updateStream(
                r -> r.streamName(name).currentVersion(version).deviceName("d2").mediaType("video/h265"));

        StreamInfo after = video.describeStream(r -> r.streamName(name)).streamInfo();
        assertThat(after.deviceName()).isEqualTo("d2");
        assertThat(after.mediaType()).isEqualTo("video/h265");
        assertThat(after.version()).isNotEqualTo(version);
        assertThatThrownBy(() -> video.updateStream(
                        r -> r.streamName(name).currentVersion(version).deviceName("d3")))
                .isInstanceOf(VersionMismatchException.class);
    }

    @Test
    void updateDataRetentionIncreasesAndDecreasesWithinItsBounds() {
        String name = uniqueName("ret");
        String arn = activeStream(video, name, 2);
        String v1 = video.describeStream(r -> r.streamName(name)).streamInfo().version();

        video.updateDataRetention(r -> r.streamARN(arn)
                .currentVersion(v1)
                .operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION)
                .dataRetentionChangeInHours(10));
        StreamInfo increased = video.describeStream(r -> r.streamName(name)).streamInfo();
        assertThat(increased.dataRetentionInHours()).isEqualTo(12);

        video.updateDataRetention(r -> r.streamName(name)
                .currentVersion(increased.version())
                .operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION)
                .dataRetentionChangeInHours(12));
        StreamInfo decreased = video.describeStream(r -> r.streamName(name)).streamInfo();
        assertThat(decreased.dataRetentionInHours()).isZero();

        assertThatThrownBy(() -> video.updateDataRetention(r -> r.streamName(name)
                        .currentVersion(decreased.version())
                        .operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION)
                        .dataRetentionChangeInHours(1)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> video.updateDataRetention(r -> r.streamName(name)
                        .currentVersion(v1)
                        .operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION)
                        .dataRetentionChangeInHours(1)))
                .isInstanceOf(VersionMismatchException.class);
        assertThatThrownBy(() -> video.updateDataRetention(r -> r.streamName(name)
                        .currentVersion(decreased.version())
                        .operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION)
                        .dataRetentionChangeInHours(0)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at 'dataRetentionChangeInHours'");
    }

    @Test
    void getDataEndpointAnswersThisServerForEveryApiName() {
        String name = uniqueName("ep");
        activeStream(video, name, 0);

        for (APIName api : APIName.knownValues()) {
            assertThat(video.getDataEndpoint(r -> r.streamName(name).apiName(api))
                            .dataEndpoint())
                    .isEqualTo("http://127.0.0.1:" + port);
        }
        assertThatThrownBy(() -> video.getDataEndpoint(
                        r -> r.streamName(uniqueName("none")).apiName(APIName.PUT_MEDIA)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tagsByStreamNameAndByResourceArnAreTheSameTags() {
        String name = uniqueName("tags");
        String arn = video.createStream(r -> r.streamName(name).tags(Map.of("a", "1")))
                .streamARN();

        video.tagStream(r -> r.streamName(name).tags(Map.of("b", "2")));
        video.tagResource(r -> r.resourceARN(arn).tags(t -> t.key("c").value("3")));
        assertThat(video.listTagsForStream(r -> r.streamName(name)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2", "c", "3"));

        video.untagStream(r -> r.streamARN(arn).tagKeyList("a"));
        video.untagResource(r -> r.resourceARN(arn).tagKeyList("b"));
        assertThat(video.listTagsForResource(r -> r.resourceARN(arn)).tags()).isEqualTo(Map.of("c", "3"));

        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThatThrownBy(() -> video.tagStream(r -> r.streamName(name).tags(tooMany)))
                .isInstanceOf(TagsPerResourceExceededLimitException.class);
        assertThatThrownBy(() -> video.listTagsForStream(r -> r.streamName(uniqueName("none"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anAccountHasAtMostItsLimitOfStreams() {
        KinesisVideoClient other = video("210987654321");
        for (int i = 0; i < STREAM_LIMIT; i++) {
            int n = i;
            other.createStream(r -> r.streamName("limit-" + n));
        }

        assertThatThrownBy(() -> other.createStream(r -> r.streamName("limit-over")))
                .isInstanceOf(AccountStreamLimitExceededException.class);
        assertThat(video.listStreams(
                                r -> r.streamNameCondition(c -> c.comparisonOperator(ComparisonOperator.BEGINS_WITH)
                                        .comparisonValue("limit-")))
                        .streamInfoList())
                .isEmpty();
    }
}
