package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.kinesisvideo.parser.ebml.EBMLTypeInfo;
import com.amazonaws.kinesisvideo.parser.ebml.InputStreamParserByteSource;
import com.amazonaws.kinesisvideo.parser.ebml.MkvTypeInfos;
import com.amazonaws.kinesisvideo.parser.mkv.MkvDataElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElement;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import dev.shardline.video.TestS3;
import dev.shardline.video.VideoIntegrationTest;
import dev.shardline.video.media.TestMkv.Clip;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.VideoStreamService;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.GetMediaForFragmentListResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/** What PutMedia stored, read back through the official KinesisVideoArchivedMediaClient. */
class ArchivedMediaTest extends VideoIntegrationTest {

    private static final long START = 1_764_770_400_000L; // 2025-12-03T14:00:00Z
    private static final String BUCKET = "shardline-video";
    private static Clip clip;

    @Autowired
    FragmentIndex index;

    @Autowired
    VideoStreamService streams;

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
        // AWS's tags after each fragment, read back with AWS's own MKV parser
        Fragment askedFirst = fragment(archive, name, numbers.get(2));
        assertThat(simpleTags(bytes))
                .containsExactly(
                        List.of("AWS_KINESISVIDEO_FRAGMENT_NUMBER", numbers.get(2)),
                        List.of("AWS_KINESISVIDEO_SERVER_SIDE_TIMESTAMP", seconds(askedFirst.serverTimestamp())),
                        List.of(
                                "AWS_KINESISVIDEO_PRODUCER_SIDE_TIMESTAMP",
                                seconds(Instant.ofEpochMilli(START + 2000))),
                        List.of("AWS_KINESISVIDEO_FRAGMENT_NUMBER", numbers.get(0)),
                        List.of(
                                "AWS_KINESISVIDEO_SERVER_SIDE_TIMESTAMP",
                                seconds(fragment(archive, name, numbers.get(0)).serverTimestamp())),
                        List.of("AWS_KINESISVIDEO_PRODUCER_SIDE_TIMESTAMP", seconds(Instant.ofEpochMilli(START))));

        assertThatThrownBy(() -> archive.getMediaForFragmentList(
                        r -> r.streamName(name).fragments("1234"), (response, in) -> null))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> archive.listFragments(r -> r.streamName(uniqueName("none"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> archive.listFragments(r -> r.streamName(name).maxResults(0L)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aFragmentThatCannotBeReadEndsTheAnswerWithAwsExceptionTags() throws Exception {
        String name = streamWithThreeFragments();
        KinesisVideoArchivedMediaClient archive = archivedMedia();
        List<String> numbers = archive.listFragments(r -> r.streamName(name)).fragments().stream()
                .map(Fragment::fragmentNumber)
                .sorted()
                .toList();
        UUID streamId = streams.describe(StreamSelector.byName(ACCOUNT, "eu-west-1", name))
                .id();
        List<FragmentView> stored = index.byNumbers(streamId, numbers);
        S3Client s3 = TestS3.client();
        // the second fragment's object is gone (retention got there first), the first's is no sealed fragment
        s3.deleteObject(r -> r.bucket(BUCKET).key(objectKey(stored, numbers.get(1))));

        byte[] media = archive.getMediaForFragmentListAsBytes(
                        r -> r.streamName(name).fragments(numbers))
                .asByteArray();

        assertThat(simpleTags(media))
                .containsExactly(
                        List.of("AWS_KINESISVIDEO_FRAGMENT_NUMBER", numbers.get(0)),
                        List.of(
                                "AWS_KINESISVIDEO_SERVER_SIDE_TIMESTAMP",
                                seconds(fragment(archive, name, numbers.get(0)).serverTimestamp())),
                        List.of("AWS_KINESISVIDEO_PRODUCER_SIDE_TIMESTAMP", seconds(Instant.ofEpochMilli(START))),
                        List.of("AWS_KINESISVIDEO_FRAGMENT_NUMBER", numbers.get(1)),
                        List.of("AWS_KINESISVIDEO_EXCEPTION_ERROR_CODE", "4000"),
                        List.of("AWS_KINESISVIDEO_EXCEPTION_MESSAGE", "Requested fragment is not found"));
        assertThat(indexOf(media, clip.frames().get(20).avcc())).isNegative(); // the answer stops at the error

        s3.putObject(r -> r.bucket(BUCKET).key(objectKey(stored, numbers.get(0))), RequestBody.fromString("garbage"));
        byte[] garbled = archive.getMediaForFragmentListAsBytes(
                        r -> r.streamName(name).fragments(numbers.get(0), numbers.get(2)))
                .asByteArray();
        assertThat(simpleTags(garbled))
                .containsExactly(
                        List.of("AWS_KINESISVIDEO_FRAGMENT_NUMBER", numbers.get(0)),
                        List.of("AWS_KINESISVIDEO_EXCEPTION_ERROR_CODE", "5000"),
                        List.of("AWS_KINESISVIDEO_EXCEPTION_MESSAGE", "Internal error"));
    }

    private static String objectKey(List<FragmentView> fragments, String number) {
        return fragments.stream()
                .filter(f -> f.fragmentNumber().equals(number))
                .findFirst()
                .orElseThrow()
                .objectKey();
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

    private static Fragment fragment(KinesisVideoArchivedMediaClient archive, String name, String number) {
        return archive.listFragments(r -> r.streamName(name)).fragments().stream()
                .filter(f -> f.fragmentNumber().equals(number))
                .findFirst()
                .orElseThrow();
    }

    private static String seconds(Instant instant) {
        return String.format("%d.%03d", instant.toEpochMilli() / 1000, instant.toEpochMilli() % 1000);
    }

    /** Every SimpleTag's name and string value, in order, as AWS's KVS parser library reads the MKV. */
    private static List<List<String>> simpleTags(byte[] mkv) {
        StreamingMkvReader reader =
                StreamingMkvReader.createDefault(new InputStreamParserByteSource(new ByteArrayInputStream(mkv)));
        List<List<String>> tags = new ArrayList<>();
        String name = null;
        while (reader.mightHaveNext()) {
            Optional<MkvElement> next = reader.nextIfAvailable();
            if (next.isPresent() && next.get() instanceof MkvDataElement data) {
                EBMLTypeInfo type = data.getElementMetaData().getTypeInfo();
                if (type.equals(MkvTypeInfos.TAGNAME)) {
                    name = (String) data.getValueCopy().getVal();
                } else if (type.equals(MkvTypeInfos.TAGSTRING)) {
                    tags.add(List.of(name, (String) data.getValueCopy().getVal()));
                }
            }
        }
        return tags;
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
