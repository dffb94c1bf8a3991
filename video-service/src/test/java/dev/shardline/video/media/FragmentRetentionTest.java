package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardline.video.TestS3;
import dev.shardline.video.VideoIntegrationTest;
import dev.shardline.video.media.TestMkv.Clip;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.VideoStreamService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Retention: fragments past their stream's DataRetentionInHours go from the index and the object store. */
class FragmentRetentionTest extends VideoIntegrationTest {

    private static Clip clip;
    private final S3Client s3 = TestS3.client();

    @Autowired
    FragmentRetention retention;

    @Autowired
    FragmentIndex index;

    @Autowired
    VideoStreamService streams;

    @BeforeAll
    static void encode() {
        clip = TestMkv.h264(20, 10);
    }

    @Test
    void fragmentsPastTheRetentionAreDeletedFromIndexAndObjectStore() throws Exception {
        String name = uniqueName("ret");
        activeStream(video(), name, 1);
        UUID id = putTwoFragments(name);
        assertThat(objects(id)).hasSize(2);

        assertThat(retention.sweep(Instant.now().plus(Duration.ofMinutes(30)))).isZero();
        assertThat(index.of(id)).hasSize(2);

        retention.sweep(Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(index.of(id)).isEmpty();
        assertThat(objects(id)).isEmpty();
    }

    @Test
    void aDeletedStreamTakesItsFragmentsWithIt() throws Exception {
        String name = uniqueName("gone");
        KinesisVideoClient video = video();
        String arn = activeStream(video, name, 24);
        UUID id = putTwoFragments(name);
        assertThat(objects(id)).hasSize(2);

        video.deleteStream(r -> r.streamARN(arn));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(index.of(id)).isEmpty();
            assertThat(objects(id)).isEmpty();
        });
    }

    private UUID putTwoFragments(String name) throws Exception {
        try (PutMediaClient producer = new PutMediaClient(
                port, ACCOUNT, Map.of("x-amzn-stream-name", name, "x-amzn-fragment-timecode-type", "RELATIVE"))) {
            producer.send(TestMkv.concat(
                    TestMkv.header(clip.codecPrivate()),
                    TestMkv.cluster(0, clip.frames().subList(0, 10), 100),
                    TestMkv.cluster(1000, clip.frames().subList(10, 20), 100)));
            producer.finish();
            assertThat(producer.acksUntilEnd(Duration.ofSeconds(20)))
                    .filteredOn(a -> a.get("EventType").asString().equals("PERSISTED"))
                    .hasSize(2);
        }
        return streams.describe(StreamSelector.byName(ACCOUNT, "eu-west-1", name))
                .id();
    }

    private List<S3Object> objects(UUID streamId) {
        return s3.listObjectsV2Paginator(r -> r.bucket("shardline-video").prefix(streamId + "/")).contents().stream()
                .filter(o -> !o.key().endsWith("/"))
                .toList();
    }
}
