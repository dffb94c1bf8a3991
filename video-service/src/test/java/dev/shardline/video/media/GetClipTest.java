package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.video.VideoIntegrationTest;
import dev.shardline.video.media.TestMkv.Clip;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.ChunkOffsetBox;
import org.mp4parser.boxes.iso14496.part12.MovieHeaderBox;
import org.mp4parser.boxes.iso14496.part12.SampleSizeBox;
import org.mp4parser.boxes.iso14496.part12.SyncSampleBox;
import org.mp4parser.boxes.iso14496.part12.TimeToSampleBox;
import org.mp4parser.tools.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ClipFragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.GetClipResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.NoDataRetentionException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

/** GetClip through the official KinesisVideoArchivedMediaClient; the MP4 read back with mp4parser. */
class GetClipTest extends VideoIntegrationTest {

    /** An account of its own: the shared context allows {@link #STREAM_LIMIT} streams per account and region. */
    private static final String OWN_ACCOUNT = "777788889999";

    private static final long START = 1_764_770_400_000L;
    private static Clip clip;

    @BeforeAll
    static void encode() {
        clip = TestMkv.h264(30, 10);
    }

    @Test
    void getClipAnswersOneMp4OfTheRangesFramesWithTheirTimes() throws Exception {
        String name = uniqueName("clip");
        activeStream(video(OWN_ACCOUNT), name, 1);
        put(name);
        KinesisVideoArchivedMediaClient archive = archive();

        ResponseBytes<GetClipResponse> clipBytes = archive.getClipAsBytes(r -> r.streamName(name)
                .clipFragmentSelector(s -> s.fragmentSelectorType(ClipFragmentSelectorType.PRODUCER_TIMESTAMP)
                        .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                .endTimestamp(Instant.ofEpochMilli(START + 10_000)))));

        assertThat(clipBytes.response().contentType()).isEqualTo("video/mp4");
        byte[] mp4 = clipBytes.asByteArray();
        IsoFile iso = HlsPlaybackTest.iso(mp4);
        assertThat(iso.getBoxes()).extracting(b -> b.getType()).containsExactly("ftyp", "moov", "mdat");
        assertThat(Path.<MovieHeaderBox>getPath(iso, "moov/mvhd").getDuration()).isEqualTo(3000);
        String stbl = "moov/trak/mdia/minf/stbl/";
        SampleSizeBox stsz = Path.getPath(iso, stbl + "stsz");
        assertThat(stsz.getSampleCount()).isEqualTo(30);
        for (int i = 0; i < 30; i++) {
            assertThat(stsz.getSampleSizeAtIndex(i))
                    .isEqualTo(clip.frames().get(i).avcc().length);
        }
        TimeToSampleBox stts = Path.getPath(iso, stbl + "stts");
        assertThat(stts.getEntries()).allSatisfy(e -> assertThat(e.getDelta()).isEqualTo(100));
        assertThat(stts.getEntries().stream()
                        .mapToLong(TimeToSampleBox.Entry::getCount)
                        .sum())
                .isEqualTo(30);
        assertThat(Path.<SyncSampleBox>getPath(iso, stbl + "stss").getSampleNumber())
                .containsExactly(1, 11, 21);
        long offset = Path.<ChunkOffsetBox>getPath(iso, stbl + "stco").getChunkOffsets()[0];
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        clip.frames().forEach(f -> frames.writeBytes(f.avcc()));
        assertThat(Arrays.copyOfRange(mp4, (int) offset, (int) offset + frames.size()))
                .isEqualTo(frames.toByteArray());

        byte[] second = archive.getClipAsBytes(r -> r.streamName(name)
                        .clipFragmentSelector(s -> s.fragmentSelectorType(ClipFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START + 1000))
                                        .endTimestamp(Instant.ofEpochMilli(START + 1500)))))
                .asByteArray();
        assertThat(Path.<SampleSizeBox>getPath(HlsPlaybackTest.iso(second), stbl + "stsz")
                        .getSampleCount())
                .isEqualTo(10);
    }

    @Test
    void getClipErrorsAreAwss() throws Exception {
        String name = uniqueName("clip");
        activeStream(video(OWN_ACCOUNT), name, 1);
        put(name);
        KinesisVideoArchivedMediaClient archive = archive();
        assertThatThrownBy(() -> archive.getClipAsBytes(r -> r.streamName(name)
                        .clipFragmentSelector(s -> s.fragmentSelectorType(ClipFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START + 60_000))
                                        .endTimestamp(Instant.ofEpochMilli(START + 70_000))))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> archive.getClipAsBytes(r -> r.streamName(name)
                        .clipFragmentSelector(s -> s.fragmentSelectorType(ClipFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START + 1000))
                                        .endTimestamp(Instant.ofEpochMilli(START))))))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> archive.getClipAsBytes(r -> r.streamName(uniqueName("none"))
                        .clipFragmentSelector(s -> s.fragmentSelectorType(ClipFragmentSelectorType.SERVER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                        .endTimestamp(Instant.ofEpochMilli(START + 1000))))))
                .isInstanceOf(ResourceNotFoundException.class);
        String noRetention = uniqueName("noret");
        activeStream(video(OWN_ACCOUNT), noRetention, 0);
        assertThatThrownBy(() -> archive.getClipAsBytes(r -> r.streamName(noRetention)
                        .clipFragmentSelector(s -> s.fragmentSelectorType(ClipFragmentSelectorType.SERVER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                        .endTimestamp(Instant.ofEpochMilli(START + 1000))))))
                .isInstanceOf(NoDataRetentionException.class);
    }

    private void put(String name) throws Exception {
        try (PutMediaClient producer = new PutMediaClient(
                port, OWN_ACCOUNT, Map.of("x-amzn-stream-name", name, "x-amzn-fragment-timecode-type", "ABSOLUTE"))) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            for (int i = 0; i < 3; i++) {
                producer.send(TestMkv.cluster(START + i * 1000L, clip.frames().subList(i * 10, i * 10 + 10), 100));
            }
            producer.finish();
            assertThat(producer.acksUntilEnd(Duration.ofSeconds(20)))
                    .filteredOn(a -> a.get("EventType").asString().equals("PERSISTED"))
                    .hasSize(3);
        }
    }

    private KinesisVideoArchivedMediaClient archive() {
        return KinesisVideoArchivedMediaClient.builder()
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(OWN_ACCOUNT, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
