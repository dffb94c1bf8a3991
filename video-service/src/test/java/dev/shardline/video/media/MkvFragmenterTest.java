package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.video.media.MkvFragmenter.MkvFragment;
import dev.shardline.video.media.TestMkv.Clip;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fragmenter on its own, over bytes in memory: what a fragment holds and what is refused. */
class MkvFragmenterTest {

    private static Clip clip;

    private final List<String> events = new ArrayList<>();
    private final List<MkvFragment> fragments = new ArrayList<>();

    @BeforeAll
    static void encode() {
        clip = TestMkv.h264(20, 10);
    }

    @Test
    void eachClusterIsOneSelfContainedFragment() {
        byte[] header = TestMkv.header(clip.codecPrivate());
        byte[] first = TestMkv.cluster(5000, clip.frames().subList(0, 10), 40);
        byte[] second = TestMkv.cluster(5400, clip.frames().subList(10, 20), 40);

        run(TestMkv.concat(header, first, second), 50_000_000, 10_000);

        assertThat(events).containsExactly("started 5000", "complete 5000", "started 5400", "complete 5400");
        assertThat(fragments).extracting(MkvFragment::frames).containsExactly(10, 10);
        assertThat(fragments).extracting(MkvFragment::durationMillis).containsExactly(400L, 400L);
        // the stored fragment is the header, then the cluster with its size made unknown
        byte[] expected = TestMkv.concat(
                header,
                new byte[] {0x1F, 0x43, (byte) 0xB6, 0x75, 0x01, -1, -1, -1, -1, -1, -1, -1},
                Arrays.copyOfRange(first, 12, first.length));
        assertThat(fragments.get(0).mkv()).isEqualTo(expected);
    }

    @Test
    void aClusterOfUnknownSizeEndsWhereTheNextBeginsOrTheStreamEnds() {
        byte[] first = unknownSize(TestMkv.cluster(0, clip.frames().subList(0, 10), 40));
        byte[] second = unknownSize(TestMkv.cluster(400, clip.frames().subList(10, 20), 40));

        run(TestMkv.concat(TestMkv.header(clip.codecPrivate()), first, second), 50_000_000, 10_000);

        assertThat(events).containsExactly("started 0", "complete 0", "started 400", "complete 400");
        assertThat(fragments.get(1).mkv()).endsWith(Arrays.copyOfRange(second, 12, second.length));
    }

    @Test
    void aFragmentOverTheSizeLimitIsRefused() {
        byte[] stream = TestMkv.concat(
                TestMkv.header(clip.codecPrivate()),
                TestMkv.cluster(0, clip.frames().subList(0, 10), 40));

        assertThatThrownBy(() -> run(stream, 200, 10_000))
                .isInstanceOfSatisfying(
                        FragmentRejected.class,
                        e -> assertThat(e.error()).isEqualTo(AckError.MAX_FRAGMENT_SIZE_REACHED));
        assertThat(fragments).isEmpty();
    }

    @Test
    void aFragmentOverTheDurationLimitIsRefused() {
        byte[] stream = TestMkv.concat(
                TestMkv.header(clip.codecPrivate()),
                TestMkv.cluster(0, clip.frames().subList(0, 10), 2000));

        assertThatThrownBy(() -> run(stream, 50_000_000, 10_000))
                .isInstanceOfSatisfying(
                        FragmentRejected.class,
                        e -> assertThat(e.error()).isEqualTo(AckError.MAX_FRAGMENT_DURATION_REACHED));
    }

    @Test
    void aClusterBeforeAnyTracksIsInvalid() {
        byte[] header = TestMkv.header(clip.codecPrivate());
        int segment = 0;
        while (!(header[segment] == 0x18 && header[segment + 1] == 0x53 && header[segment + 2] == (byte) 0x80)) {
            segment++;
        }
        byte[] ebmlOnly = Arrays.copyOf(header, segment + 12); // the EBML header and the Segment's start, no tracks
        byte[] stream =
                TestMkv.concat(ebmlOnly, TestMkv.cluster(0, clip.frames().subList(0, 1), 40));

        assertThatThrownBy(() -> run(stream, 50_000_000, 10_000))
                .isInstanceOfSatisfying(
                        FragmentRejected.class, e -> assertThat(e.error()).isEqualTo(AckError.INVALID_MKV_DATA));
    }

    @Test
    void anUnknownElementTooLargeForAFragmentIsRefusedBeforeItFillsTheMemory() {
        byte[] header = TestMkv.header(clip.codecPrivate());
        // an element the parser does not know (it skips such elements), claiming 100 MB, of which 3 MB arrive
        byte[] unknown = TestMkv.concat(
                new byte[] {0x1F, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x06, 0x40, 0x00, 0x00},
                new byte[3 * 1024 * 1024]);

        assertThatThrownBy(() -> run(TestMkv.concat(header, unknown), 1024 * 1024, 10_000))
                .isInstanceOfSatisfying(
                        FragmentRejected.class,
                        e -> assertThat(e.error()).isEqualTo(AckError.MAX_FRAGMENT_SIZE_REACHED));
    }

    @Test
    void anEmptyStreamIsNoMkv() {
        assertThatThrownBy(() -> run(new byte[0], 50_000_000, 10_000))
                .isInstanceOfSatisfying(
                        FragmentRejected.class, e -> assertThat(e.error()).isEqualTo(AckError.INVALID_MKV_DATA));
    }

    private void run(byte[] stream, long maxBytes, long maxMillis) {
        BlockingByteSource source =
                new BlockingByteSource(new ByteArrayInputStream(stream), MkvFragmenter.maxTape(maxBytes));
        new MkvFragmenter(
                        source,
                        new MkvFragmenter.Listener() {
                            @Override
                            public void fragmentStarted(long timecodeMillis) {
                                events.add("started " + timecodeMillis);
                            }

                            @Override
                            public void fragmentComplete(MkvFragment fragment) {
                                events.add("complete " + fragment.timecodeMillis());
                                fragments.add(fragment);
                            }
                        },
                        maxBytes,
                        maxMillis)
                .run();
    }

    /** The cluster with its 8-byte size replaced by "unknown", as live producers write clusters. */
    private static byte[] unknownSize(byte[] cluster) {
        byte[] copy = cluster.clone();
        copy[4] = 0x01;
        Arrays.fill(copy, 5, 12, (byte) -1);
        return copy;
    }
}
