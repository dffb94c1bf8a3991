package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.video.TestS3;
import dev.shardline.video.VideoIntegrationTest;
import dev.shardline.video.media.TestMkv.Clip;
import dev.shardline.video.stream.StreamSelector;
import dev.shardline.video.stream.VideoStreamService;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.model.GetMediaResponse;
import software.amazon.awssdk.services.kinesisvideomedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideomedia.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideomedia.model.StartSelectorType;

/** GetMedia through the official KinesisVideoMediaClient: stored fragments with AWS's tags, then the live edge. */
class GetMediaTest extends VideoIntegrationTest {

    private static final String NUMBER_TAG = "AWS_KINESISVIDEO_FRAGMENT_NUMBER";

    @Autowired
    FragmentIndex index;

    @Autowired
    VideoStreamService streams;

    private static Clip clip;

    @BeforeAll
    static void encode() {
        clip = TestMkv.h264(40, 10);
    }

    @Test
    void earliestReturnsTheStoredFragmentsWithTheirTagsThenFollowsTheLiveEdge() throws Exception {
        String name = uniqueName("get");
        activeStream(video(), name, 1);
        List<String> stored = put(name, 0, 2);

        KinesisVideoMediaClient media = media();
        try (ResponseInputStream<GetMediaResponse> in = media.getMedia(
                r -> r.streamName(name).startSelector(s -> s.startSelectorType(StartSelectorType.EARLIEST)))) {
            assertThat(in.response().contentType()).isEqualTo("video/webm");
            Reader reader = new Reader(in);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> reader.tags(NUMBER_TAG).size() >= 2);
            assertThat(reader.tags(NUMBER_TAG)).containsExactlyElementsOf(stored);
            assertThat(reader.tags("AWS_KINESISVIDEO_PRODUCER_TIMESTAMP"))
                    .containsExactly("1700000000.000", "1700000001.000");
            assertThat(reader.tags("AWS_KINESISVIDEO_CONTINUATION_TOKEN")).containsExactlyElementsOf(stored);
            assertThat(reader.bytes()).startsWith(0x1A, 0x45, 0xDF, 0xA3);

            // the live edge: a fragment put now arrives on the same response
            List<String> live = put(name, 2, 1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> reader.tags(NUMBER_TAG).size() >= 3);
            assertThat(reader.tags(NUMBER_TAG).get(2)).isEqualTo(live.get(0));
            in.abort(); // the consumer goes while the server still follows the stream
        }
    }

    @Test
    void aFragmentNumberOrContinuationTokenStartsThereAndNowOnlyAtWhatComesNext() throws Exception {
        String name = uniqueName("sel");
        activeStream(video(), name, 1);
        List<String> stored = put(name, 0, 3);
        KinesisVideoMediaClient media = media();

        try (ResponseInputStream<GetMediaResponse> in = media.getMedia(r -> r.streamName(name)
                .startSelector(s ->
                        s.startSelectorType(StartSelectorType.FRAGMENT_NUMBER).afterFragmentNumber(stored.get(1))))) {
            Reader reader = new Reader(in);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> reader.tags(NUMBER_TAG).size() >= 2);
            assertThat(reader.tags(NUMBER_TAG)).containsExactly(stored.get(1), stored.get(2));
            in.abort();
        }
        try (ResponseInputStream<GetMediaResponse> in = media.getMedia(r -> r.streamName(name)
                .startSelector(s -> s.startSelectorType(StartSelectorType.CONTINUATION_TOKEN)
                        .continuationToken(stored.get(0))))) {
            Reader reader = new Reader(in);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> reader.tags(NUMBER_TAG).size() >= 2);
            assertThat(reader.tags(NUMBER_TAG)).containsExactly(stored.get(1), stored.get(2));
            in.abort();
        }
        try (ResponseInputStream<GetMediaResponse> in = media.getMedia(
                r -> r.streamName(name).startSelector(s -> s.startSelectorType(StartSelectorType.NOW)))) {
            Reader reader = new Reader(in);
            List<String> next = put(name, 3, 1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !reader.tags(NUMBER_TAG).isEmpty());
            assertThat(reader.tags(NUMBER_TAG)).containsExactlyElementsOf(next);
            in.abort();
        }

        assertThatThrownBy(() -> media.getMedia(r -> r.streamName(uniqueName("none"))
                        .startSelector(s -> s.startSelectorType(StartSelectorType.EARLIEST))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> media.getMedia(r ->
                        r.streamName(name).startSelector(s -> s.startSelectorType(StartSelectorType.SERVER_TIMESTAMP))))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aFragmentThatCannotBeReadEndsTheMediaWithAwsErrorTags() throws Exception {
        String name = uniqueName("err");
        activeStream(video(), name, 1);
        List<String> stored = put(name, 0, 3);
        // retention (or an operator) removed the second fragment's object while the index still names it
        FragmentView second =
                index.byNumbers(streamId(name), List.of(stored.get(1))).get(0);
        TestS3.client().deleteObject(r -> r.bucket("shardline-video").key(second.objectKey()));

        try (ResponseInputStream<GetMediaResponse> in = media().getMedia(
                        r -> r.streamName(name).startSelector(s -> s.startSelectorType(StartSelectorType.EARLIEST)))) {
            byte[] all = in.readAllBytes(); // the answer ends: GetMedia stops at the error
            assertThat(Reader.tags(all, NUMBER_TAG)).containsExactly(stored.get(0));
            assertThat(Reader.tags(all, "AWS_KINESISVIDEO_ERROR_ID")).containsExactly("4000");
            assertThat(Reader.tags(all, "AWS_KINESISVIDEO_ERROR_CODE"))
                    .containsExactly("Requested fragment is not found");
        }
    }

    private UUID streamId(String name) {
        return streams.describe(StreamSelector.byName(ACCOUNT, "eu-west-1", name))
                .id();
    }

    /** Puts {@code count} fragments, a second apart from second {@code first}; answers their numbers. */
    private List<String> put(String name, int first, int count) throws Exception {
        try (PutMediaClient producer = new PutMediaClient(
                port, ACCOUNT, Map.of("x-amzn-stream-name", name, "x-amzn-fragment-timecode-type", "ABSOLUTE"))) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            for (int i = first; i < first + count; i++) {
                producer.send(TestMkv.cluster(
                        1_700_000_000_000L + i * 1000L, clip.frames().subList(i * 10, i * 10 + 10), 100));
            }
            producer.finish();
            return producer.acksUntilEnd(Duration.ofSeconds(20)).stream()
                    .filter(a -> a.get("EventType").asString().equals("PERSISTED"))
                    .map(a -> a.get("FragmentNumber").asString())
                    .toList();
        }
    }

    /** Reads the media on a thread of its own and finds the tags in what arrived so far. */
    private static final class Reader {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Reader(InputStream in) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                try {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        synchronized (received) {
                            received.write(buffer, 0, n);
                        }
                    }
                } catch (Exception closed) {
                    // the test closed the stream
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        byte[] bytes() {
            synchronized (received) {
                return received.toByteArray();
            }
        }

        /** The values of every SimpleTag named {@code name}: TagName, then TagString (id 0x4487, 8-byte size). */
        List<String> tags(String name) {
            return tags(bytes(), name);
        }

        static List<String> tags(byte[] bytes, String name) {
            byte[] needle = name.getBytes(StandardCharsets.UTF_8);
            List<String> values = new ArrayList<>();
            for (int i = 0; i + needle.length + 10 <= bytes.length; i++) {
                if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                    int at = i + needle.length;
                    if ((bytes[at] & 0xFF) == 0x44 && (bytes[at + 1] & 0xFF) == 0x87) {
                        long size = ByteBuffer.wrap(bytes, at + 2, 8).getLong() & 0x00FFFFFFFFFFFFFFL;
                        if (at + 10 + size <= bytes.length) {
                            values.add(new String(bytes, at + 10, (int) size, StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            return values;
        }
    }
}
