package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.video.VideoIntegrationTest;
import dev.shardline.video.media.TestMkv.Clip;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.GetMediaForFragmentListResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

/** What PutMedia stored, read back through the official KinesisVideoArchivedMediaClient. */
class ArchivedMediaTest extends VideoIntegrationTest {

    private static final long START = 1_764_770_400_000L; // 2025-12-03T14:00:00Z
    private static Clip clip;

    @BeforeAll
    static void encode() {
        clip = TestMkv.h264(30, 10);
    }

    @Test
    void listFragmentsByProducerTimestampPagesInArrivalOrder() throws Exception {
        String name = streamWithThreeFragments();
        KinesisVideoArchivedMediaClient archive = archivedMedia();

        ListFragmentsResponse first = archive.listFragments(r -> r.streamName(name)
                .maxResults(2L)
                .fragmentSelector(s -> s.fragmentSelectorType(FragmentSelectorType.PRODUCER_TIMESTAMP)
                        .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                .endTimestamp(Instant.ofEpochMilli(START + 1500)))));
        assertThat(first.fragments())
                .extracting(Fragment::producerTimestamp)
                .containsExactly(Instant.ofEpochMilli(START), Instant.ofEpochMilli(START + 1000));
        assertThat(first.fragments()).allSatisfy(f -> {
            assertThat(f.fragmentNumber()).matches("\\d{47}");
            assertThat(f.fragmentLengthInMilliseconds()).isEqualTo(1000);
            assertThat(f.fragmentSizeInBytes()).isPositive();
            assertThat(f.serverTimestamp()).isAfter(Instant.now().minusSeconds(120));
        });
        assertThat(first.nextToken()).isNull();

        ListFragmentsResponse all =
                archive.listFragments(r -> r.streamName(name).maxResults(2L));
        assertThat(all.fragments()).hasSize(2);
        ListFragmentsResponse rest =
                archive.listFragments(r -> r.streamName(name).maxResults(2L).nextToken(all.nextToken()));
        assertThat(rest.fragments())
                .extracting(Fragment::producerTimestamp)
                .containsExactly(Instant.ofEpochMilli(START + 2000));
        assertThat(rest.nextToken()).isNull();

        ListFragmentsResponse byServerTime = archive.listFragments(r -> r.streamName(name)
                .fragmentSelector(s -> s.fragmentSelectorType(FragmentSelectorType.SERVER_TIMESTAMP)
                        .timestampRange(t -> t.startTimestamp(Instant.now().minusSeconds(120))
                                .endTimestamp(Instant.now().plusSeconds(5)))));
        assertThat(byServerTime.fragments()).hasSize(3);
    }

    @Test
    void getMediaForFragmentListAnswersTheFragmentsOpened() throws Exception {
        String name = streamWithThreeFragments();
        KinesisVideoArchivedMediaClient archive = archivedMedia();
        List<String> numbers = archive.listFragments(r -> r.streamName(name)).fragments().stream()
                .map(Fragment::fragmentNumber)
                .toList();

        ResponseBytes<GetMediaForFragmentListResponse> media = archive.getMediaForFragmentListAsBytes(
                r -> r.streamName(name).fragments(numbers.get(2), numbers.get(0)));

        assertThat(media.response().contentType()).isEqualTo("video/webm");
        byte[] bytes = media.asByteArray();
        assertThat(bytes).startsWith(0x1A, 0x45, 0xDF, 0xA3);
        int third = indexOf(bytes, clip.frames().get(20).avcc());
        int first = indexOf(bytes, clip.frames().get(0).avcc());
        assertThat(third).isPositive();
        assertThat(first).isGreaterThan(third); // in the order asked for
        assertThat(indexOf(bytes, clip.frames().get(10).avcc())).isNegative();

        assertThatThrownBy(() -> archive.getMediaForFragmentList(
                        r -> r.streamName(name).fragments("1234"), (response, in) -> null))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> archive.listFragments(r -> r.streamName(uniqueName("none"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> archive.listFragments(r -> r.streamName(name).maxResults(0L)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    /** A stream with three fragments, a second apart from {@link #START}, put by PutMedia. */
    private String streamWithThreeFragments() throws Exception {
        String name = uniqueName("arch");
        activeStream(video(), name, 1);
        try (PutMediaClient producer = new PutMediaClient(
                port, ACCOUNT, Map.of("x-amzn-stream-name", name, "x-amzn-fragment-timecode-type", "ABSOLUTE"))) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            for (int i = 0; i < 3; i++) {
                producer.send(TestMkv.cluster(START + i * 1000L, clip.frames().subList(i * 10, i * 10 + 10), 100));
            }
            producer.finish();
            assertThat(producer.acksUntilEnd(Duration.ofSeconds(20)))
                    .filteredOn(a -> a.get("EventType").asString().equals("PERSISTED"))
                    .hasSize(3);
        }
        return name;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
