package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardline.video.VideoIntegrationTest;
import dev.shardline.video.media.TestMkv.Clip;
import dev.shardline.video.media.TestMkv.Frame;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.CompositionTimeToSample;
import org.mp4parser.boxes.iso14496.part12.HandlerBox;
import org.mp4parser.boxes.iso14496.part12.TimeToSampleBox;
import org.mp4parser.boxes.iso14496.part12.TrackBox;
import org.mp4parser.boxes.iso14496.part12.TrackExtendsBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentBaseMediaDecodeTimeBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackRunBox;
import org.mp4parser.boxes.iso14496.part14.ESDescriptorBox;
import org.mp4parser.boxes.iso14496.part15.AvcConfigurationBox;
import org.mp4parser.boxes.sampleentry.AudioSampleEntry;
import org.mp4parser.tools.ByteBufferByteChannel;
import org.mp4parser.tools.Path;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ClipFragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ContainerFormat;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.DASHDisplayFragmentNumber;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.DASHDisplayFragmentTimestamp;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.DASHFragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.DASHPlaybackMode;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.HLSDiscontinuityMode;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.HLSDisplayFragmentTimestamp;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.HLSFragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.HLSPlaybackMode;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.NoDataRetentionException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

/**
 * GetHLSStreamingSessionURL through the official KinesisVideoArchivedMediaClient, then the session URL's playlists and
 * MP4 fragments over plain HTTP, as a player fetches them; the MP4 is read back with mp4parser (isoparser).
 */
class HlsPlaybackTest extends VideoIntegrationTest {

    /** An account of its own: the shared context allows {@link #STREAM_LIMIT} streams per account and region. */
    private static final String OWN_ACCOUNT = "444455556666";

    private static final long START = 1_764_770_400_000L; // 2025-12-03T14:00:00Z
    private static final Pattern FRAGMENT_URL =
            Pattern.compile("getMP4MediaFragment\\.mp4\\?SessionToken=[A-Za-z0-9_-]+&FragmentNumber=(\\d{47})");
    private static Clip clip;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void encode() {
        clip = TestMkv.h264(30, 10);
    }

    @Test
    void onDemandSessionServesPlaylistsAndMp4FragmentsOfTheMkvFrames() throws Exception {
        String name = uniqueName("hls");
        activeStream(video(OWN_ACCOUNT), name, 1);
        put(name, 0, 1, 2);

        String url = archive()
                .getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.ON_DEMAND)
                        .containerFormat(ContainerFormat.FRAGMENTED_MP4)
                        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                        .endTimestamp(Instant.ofEpochMilli(START + 5000)))))
                .hlsStreamingSessionURL();
        assertThat(url)
                .matches("http://127\\.0\\.0\\.1:" + port + "/hls/v1/getHLSMasterPlaylist\\.m3u8\\?SessionToken=.+");

        HttpResponse<String> master = get(url);
        assertThat(master.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        byte[] avcc = clip.codecPrivate();
        assertThat(master.body())
                .startsWith("#EXTM3U")
                .contains(String.format("CODECS=\"avc1.%02x%02x%02x\"", avcc[1], avcc[2], avcc[3]))
                .contains("RESOLUTION=64x48")
                .contains("getHLSMediaPlaylist.m3u8?SessionToken=");

        String media = get(resolve(url, lastLine(master.body()))).body();
        assertThat(media)
                .contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-MEDIA-SEQUENCE:0", "#EXT-X-TARGETDURATION:1")
                .contains("#EXT-X-MAP:URI=\"getMP4InitFragment.mp4?SessionToken=")
                .doesNotContain("#EXT-X-DISCONTINUITY") // PRODUCER_TIMESTAMP: NEVER by default
                .endsWith("#EXT-X-ENDLIST\n");
        assertThat(count(media, "#EXTINF:1.000,")).isEqualTo(3);

        IsoFile init = iso(bytes(resolve(url, mapUri(media))));
        assertThat(init.getBoxes()).extracting(b -> b.getType()).containsExactly("ftyp", "moov");
        AvcConfigurationBox avcC = Path.getPath(init, "moov/trak/mdia/minf/stbl/stsd/avc1/avcC");
        assertThat(avcC.getSequenceParameterSets()).hasSize(1);
        assertThat(Path.<org.mp4parser.Box>getPath(init, "moov/mvex/trex")).isNotNull();

        List<String> fragmentUrls = fragmentUrls(media);
        assertThat(fragmentUrls).hasSize(3);
        for (int i = 0; i < 3; i++) {
            byte[] segment = bytes(resolve(url, fragmentUrls.get(i)));
            IsoFile iso = iso(segment);
            assertThat(iso.getBoxes()).extracting(b -> b.getType()).containsExactly("moof", "mdat");
            TrackFragmentBaseMediaDecodeTimeBox tfdt = Path.getPath(iso, "moof/traf/tfdt");
            assertThat(tfdt.getBaseMediaDecodeTime()).isEqualTo(i * 1000L); // ms since the session's first fragment
            TrackRunBox trun = Path.getPath(iso, "moof/traf/trun");
            assertThat(trun.getEntries()).hasSize(10);
            assertThat(trun.getEntries())
                    .allSatisfy(e -> assertThat(e.getSampleDuration()).isEqualTo(100));
            assertThat(trun.getEntries().get(0).getSampleFlags().isSampleIsDifferenceSample())
                    .isFalse();
            assertThat(trun.getEntries().get(1).getSampleFlags().isSampleIsDifferenceSample())
                    .isTrue();
            // the mdat is the MKV's frames, byte for byte, where trun's data offset says
            List<Frame> frames = clip.frames().subList(i * 10, i * 10 + 10);
            byte[] expected = concat(frames);
            assertThat(Arrays.copyOfRange(segment, trun.getDataOffset(), trun.getDataOffset() + expected.length))
                    .isEqualTo(expected);
            for (int f = 0; f < 10; f++) {
                assertThat(trun.getEntries().get(f).getSampleSize())
                        .isEqualTo(frames.get(f).avcc().length);
            }
        }
    }

    @Test
    void dashSessionServesAManifestOverTheSameMp4Fragments() throws Exception {
        String name = uniqueName("dash");
        activeStream(video(OWN_ACCOUNT), name, 1);
        put(name, 0, 1, 2);
        KinesisVideoArchivedMediaClient archive = archive();
        List<String> numbers = archive.listFragments(r -> r.streamName(name)).fragments().stream()
                .map(software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment::fragmentNumber)
                .toList();

        String url = archive.getDASHStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(DASHPlaybackMode.ON_DEMAND)
                        .displayFragmentNumber(DASHDisplayFragmentNumber.ALWAYS)
                        .displayFragmentTimestamp(DASHDisplayFragmentTimestamp.ALWAYS)
                        .dashFragmentSelector(s -> s.fragmentSelectorType(DASHFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                        .endTimestamp(Instant.ofEpochMilli(START + 5000)))))
                .dashStreamingSessionURL();
        assertThat(url).matches("http://127\\.0\\.0\\.1:" + port + "/dash/v1/getDASHManifest\\.mpd\\?SessionToken=.+");
        HttpResponse<String> manifest = get(url);
        assertThat(manifest.headers().firstValue("Content-Type")).hasValue("application/dash+xml");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document mpd = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(
                        manifest.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Element root = mpd.getDocumentElement();
        assertThat(root.getAttribute("type")).isEqualTo("static");
        assertThat(root.getAttribute("mediaPresentationDuration")).isEqualTo("PT3.000S");
        NodeList timeline = mpd.getElementsByTagNameNS("urn:mpeg:dash:schema:mpd:2011", "S");
        NodeList segments = mpd.getElementsByTagNameNS("urn:mpeg:dash:schema:mpd:2011", "SegmentURL");
        assertThat(timeline.getLength()).isEqualTo(3);
        assertThat(segments.getLength()).isEqualTo(3);
        String init = ((Element) mpd.getElementsByTagNameNS("urn:mpeg:dash:schema:mpd:2011", "Initialization")
                        .item(0))
                .getAttribute("sourceURL");
        assertThat(iso(bytes(resolve(url, init))).getBoxes())
                .extracting(b -> b.getType())
                .containsExactly("ftyp", "moov");
        for (int i = 0; i < 3; i++) {
            Element s = (Element) timeline.item(i);
            assertThat(s.getAttribute("t")).isEqualTo(Long.toString(i * 1000L));
            assertThat(s.getAttribute("d")).isEqualTo("1000");
            assertThat(s.getAttributeNS("urn:shardline:kinesisvideo:dash", "fn"))
                    .isEqualTo(numbers.get(i));
            assertThat(s.getAttributeNS("urn:shardline:kinesisvideo:dash", "ts"))
                    .isEqualTo(Long.toString(START + i * 1000L));
            IsoFile segment = iso(bytes(resolve(url, ((Element) segments.item(i)).getAttribute("media"))));
            assertThat(Path.<TrackFragmentBaseMediaDecodeTimeBox>getPath(segment, "moof/traf/tfdt")
                            .getBaseMediaDecodeTime())
                    .isEqualTo(i * 1000L); // the timeline and the segments agree
        }
    }

    @Test
    void liveSessionFollowsTheLiveEdgeAsFragmentsArePersisted() throws Exception {
        String name = uniqueName("live");
        activeStream(video(OWN_ACCOUNT), name, 1);
        long now = System.currentTimeMillis();
        try (PutMediaClient producer = producer(name)) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            producer.send(TestMkv.cluster(now, clip.frames().subList(0, 10), 100));
            producer.send(TestMkv.cluster(now + 1000, clip.frames().subList(10, 20), 100));
            awaitPersisted(producer, 2);

            String url = archive()
                    .getHLSStreamingSessionURL(r -> r.streamName(name)
                            .playbackMode(HLSPlaybackMode.LIVE)
                            .maxMediaPlaylistFragmentResults(2L)
                            .displayFragmentTimestamp(HLSDisplayFragmentTimestamp.ALWAYS))
                    .hlsStreamingSessionURL();
            String mediaUrl = resolve(url, lastLine(get(url).body()));
            String dash = archive()
                    .getDASHStreamingSessionURL(r -> r.streamName(name).playbackMode(DASHPlaybackMode.LIVE))
                    .dashStreamingSessionURL();
            assertThat(get(dash).body())
                    .contains("type=\"dynamic\"", "<S t=\"0\" d=\"1000\"/>", "<S t=\"1000\" d=\"1000\"/>");
            String first = get(mediaUrl).body();
            assertThat(fragmentUrls(first)).hasSize(2);
            assertThat(first)
                    .contains("#EXT-X-MEDIA-SEQUENCE:0", "#EXT-X-PROGRAM-DATE-TIME:")
                    .doesNotContain("#EXT-X-ENDLIST", "#EXT-X-PLAYLIST-TYPE");

            producer.send(TestMkv.cluster(now + 2000, clip.frames().subList(20, 30), 100));
            awaitPersisted(producer, 1);
            // indexed before PERSISTED is sent, so the very next playlist request lists it: no polling needed
            long persisted = System.nanoTime();
            String moved = get(mediaUrl).body();
            long listedAfterMillis = (System.nanoTime() - persisted) / 1_000_000;
            assertThat(moved).contains("#EXT-X-MEDIA-SEQUENCE:1");
            assertThat(fragmentUrls(moved))
                    .hasSize(2)
                    .doesNotContainAnyElementsOf(fragmentUrls(first).subList(0, 1));
            System.out.printf(
                    "LIVE media playlist listed the fragment %d ms after its PERSISTED ack%n", listedAfterMillis);

            // the new fragment's decode time continues the first's: origin is the session's first fragment
            IsoFile last = iso(bytes(resolve(url, fragmentUrls(moved).get(1))));
            assertThat(Path.<TrackFragmentBaseMediaDecodeTimeBox>getPath(last, "moof/traf/tfdt")
                            .getBaseMediaDecodeTime())
                    .isEqualTo(2000L);
            producer.finish();
        }
    }

    @Test
    void serverTimestampSessionsMarkEveryDiscontinuityByDefault() throws Exception {
        String name = uniqueName("disc");
        activeStream(video(OWN_ACCOUNT), name, 1);
        put(name, 0, 1, 2);
        KinesisVideoArchivedMediaClient archive = archive();
        Instant from = Instant.now().minusSeconds(60);
        String always = archive.getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.ON_DEMAND)
                        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.SERVER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(from).endTimestamp(Instant.now()))))
                .hlsStreamingSessionURL();
        assertThat(count(get(resolve(always, lastLine(get(always).body()))).body(), "#EXT-X-DISCONTINUITY\n"))
                .isEqualTo(2);

        String onGaps = archive.getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.LIVE_REPLAY)
                        .discontinuityMode(HLSDiscontinuityMode.ON_DISCONTINUITY)
                        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START)))))
                .hlsStreamingSessionURL();
        String replay = get(resolve(onGaps, lastLine(get(onGaps).body()))).body();
        assertThat(replay).doesNotContain("#EXT-X-DISCONTINUITY", "#EXT-X-ENDLIST"); // contiguous, and still open
        assertThat(fragmentUrls(replay)).hasSize(3);
    }

    @Test
    void liveReplayPlaysTheRangeInRealTimeInASlidingWindowThenEnds() throws Exception {
        String name = uniqueName("replay");
        activeStream(video(OWN_ACCOUNT), name, 1);
        try (PutMediaClient producer = producer(name)) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            for (int i = 0; i < 6; i++) { // one second each, from START; the clip's three GOPs over again
                producer.send(
                        TestMkv.cluster(START + i * 1000L, clip.frames().subList(i % 3 * 10, i % 3 * 10 + 10), 100));
            }
            producer.finish();
            awaitPersisted(producer, 6);
        }
        List<String> numbers = archive().listFragments(r -> r.streamName(name)).fragments().stream()
                .sorted(java.util.Comparator.comparing(
                        software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment::producerTimestamp))
                .map(software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment::fragmentNumber)
                .toList();

        String url = archive()
                .getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.LIVE_REPLAY)
                        .maxMediaPlaylistFragmentResults(2L)
                        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                        .endTimestamp(Instant.ofEpochMilli(START + 4500)))))
                .hlsStreamingSessionURL();
        String mediaUrl = resolve(url, lastLine(get(url).body()));
        String first = get(mediaUrl).body();
        assertThat(fragmentNumbers(first)).containsExactly(numbers.get(0), numbers.get(1));
        assertThat(first).doesNotContain("#EXT-X-ENDLIST", "#EXT-X-PLAYLIST-TYPE");

        // a fragment more each second, the oldest dropped, until the range's last (START + 4 s) is played
        List<List<String>> windows = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String playlist = get(mediaUrl).body();
                    windows.add(fragmentNumbers(playlist));
                    return playlist.contains("#EXT-X-ENDLIST");
                });
        assertThat(windows.get(windows.size() - 1)).containsExactly(numbers.get(3), numbers.get(4));
        int previous = 0;
        for (List<String> window : windows) {
            int at = numbers.indexOf(window.get(0));
            assertThat(window).containsExactlyElementsOf(numbers.subList(at, at + 2)); // consecutive, in order
            assertThat(at).isGreaterThanOrEqualTo(previous); // the window only moves on
            previous = at;
        }
        assertThat(windows).extracting(w -> w.get(0)).contains(numbers.get(1), numbers.get(2)); // it slid, one by one
    }

    @Test
    void framesShownInAnotherOrderThanDecodedKeepTheirTimesAsCompositionOffsets() throws Exception {
        String name = uniqueName("bframes");
        activeStream(video(OWN_ACCOUNT), name, 1);
        // I P B B P B B P B B in decode order, as an encoder with B-frames stores them; MKV gives presentation times
        int[] shownAt = {0, 300, 100, 200, 600, 400, 500, 900, 700, 800};
        try (PutMediaClient producer = producer(name)) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            producer.send(TestMkv.cluster(START, clip.frames().subList(0, 10), shownAt));
            producer.finish();
            awaitPersisted(producer, 1);
        }
        List<Long> offsets = List.of(0L, 200L, -100L, -100L, 200L, -100L, -100L, 200L, -100L, -100L);

        String url = archive()
                .getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.ON_DEMAND)
                        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                        .endTimestamp(Instant.ofEpochMilli(START + 5000)))))
                .hlsStreamingSessionURL();
        String media = get(resolve(url, lastLine(get(url).body()))).body();
        IsoFile segment = iso(bytes(resolve(url, fragmentUrls(media).get(0))));
        TrackRunBox trun = Path.getPath(segment, "moof/traf/trun");
        assertThat(trun.getVersion()).isEqualTo(1); // signed offsets
        assertThat(trun.getEntries()).extracting(e -> e.getSampleDuration()).containsOnly(100L);
        assertThat(trun.getEntries())
                .extracting(e -> (long) e.getSampleCompositionTimeOffset())
                .containsExactlyElementsOf(offsets);
        assertThat(Path.<TrackFragmentBaseMediaDecodeTimeBox>getPath(segment, "moof/traf/tfdt")
                        .getBaseMediaDecodeTime())
                .isZero();

        byte[] mp4 = archive()
                .getClipAsBytes(r -> r.streamName(name)
                        .clipFragmentSelector(s -> s.fragmentSelectorType(ClipFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                        .endTimestamp(Instant.ofEpochMilli(START + 5000)))))
                .asByteArray();
        IsoFile progressive = iso(mp4);
        CompositionTimeToSample ctts = Path.getPath(progressive, "moov/trak/mdia/minf/stbl/ctts");
        assertThat(ctts.getEntries()).extracting(e -> (long) e.getOffset()).containsExactlyElementsOf(offsets);
        TimeToSampleBox stts = Path.getPath(progressive, "moov/trak/mdia/minf/stbl/stts");
        assertThat(stts.getEntries())
                .extracting(TimeToSampleBox.Entry::getDelta)
                .containsOnly(100L);
    }

    @Test
    void anAacTrackBesideTheVideoIsPlayedToo() throws Exception {
        String name = uniqueName("aac");
        activeStream(video(OWN_ACCOUNT), name, 1);
        byte[] config = {0x11, (byte) 0x90}; // AudioSpecificConfig: AAC-LC, 48 kHz, 2 channels
        int frames = 47; // 1024 samples each at 48 kHz: 21.3 ms, a second of audio
        List<byte[]> audio = new ArrayList<>();
        int[] audioAt = new int[frames];
        for (int i = 0; i < frames; i++) {
            audio.add(("AAC frame " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            audioAt[i] = i * 1024 * 1000 / 48_000;
        }
        try (PutMediaClient producer = producer(name)) {
            producer.send(TestMkv.headerWithAudio(clip.codecPrivate(), config));
            producer.send(TestMkv.clusterWithAudio(START, clip.frames().subList(0, 10), 100, audio, audioAt));
            producer.finish();
            awaitPersisted(producer, 1);
        }

        String url = archive()
                .getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.ON_DEMAND)
                        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                        .endTimestamp(Instant.ofEpochMilli(START + 5000)))))
                .hlsStreamingSessionURL();
        String master = get(url).body();
        assertThat(master).containsPattern("CODECS=\"avc1\\.[0-9a-f]{6},mp4a\\.40\\.2\"");
        String media = get(resolve(url, lastLine(master))).body();

        IsoFile init = iso(bytes(resolve(url, mapUri(media))));
        List<TrackBox> tracks = Path.getPaths(init, "moov/trak");
        assertThat(tracks).hasSize(2);
        assertThat(Path.<HandlerBox>getPath(tracks.get(1), "mdia/hdlr").getHandlerType())
                .isEqualTo("soun");
        AudioSampleEntry mp4a = Path.getPath(tracks.get(1), "mdia/minf/stbl/stsd/mp4a");
        assertThat(mp4a.getChannelCount()).isEqualTo(2);
        assertThat(mp4a.getSampleRate()).isEqualTo(48_000);
        ESDescriptorBox esds = Path.getPath(mp4a, "esds");
        var specific = esds.getEsDescriptor().getDecoderConfigDescriptor().getAudioSpecificInfo();
        assertThat(specific.getAudioObjectType()).isEqualTo(2);
        assertThat(specific.getSamplingFrequency()).isEqualTo(48_000);
        assertThat(specific.getChannelConfiguration()).isEqualTo(2);
        assertThat(Path.<TrackExtendsBox>getPaths(init, "moov/mvex/trex"))
                .extracting(TrackExtendsBox::getTrackId)
                .containsExactly(1L, 2L);

        byte[] segmentBytes = bytes(resolve(url, fragmentUrls(media).get(0)));
        IsoFile segment = iso(segmentBytes);
        List<TrackFragmentBox> trafs = Path.getPaths(segment, "moof/traf");
        assertThat(trafs).hasSize(2);
        TrackRunBox audioRun = Path.getPath(trafs.get(1), "trun");
        assertThat(Path.<TrackFragmentHeaderBox>getPath(trafs.get(1), "tfhd").getTrackId())
                .isEqualTo(2);
        assertThat(audioRun.getEntries()).hasSize(frames);
        assertThat(audioRun.getEntries().get(0).getSampleDuration()).isEqualTo(audioAt[1] - audioAt[0]);
        // the audio run's data offset (from moof's start, which is the segment's) points at the frames as put
        byte[] expected = TestMkv.concat(audio.toArray(byte[][]::new));
        int at = audioRun.getDataOffset();
        assertThat(Arrays.copyOfRange(segmentBytes, at, at + expected.length)).isEqualTo(expected);
        TrackRunBox videoRun = Path.getPath(trafs.get(0), "trun");
        assertThat(videoRun.getEntries()).hasSize(10);
        assertThat(Arrays.copyOfRange(
                        segmentBytes,
                        videoRun.getDataOffset(),
                        videoRun.getDataOffset() + clip.frames().get(0).avcc().length))
                .isEqualTo(clip.frames().get(0).avcc());
    }

    private static List<String> fragmentNumbers(String playlist) {
        return fragmentUrls(playlist).stream()
                .map(u -> u.substring(u.indexOf("FragmentNumber=") + "FragmentNumber=".length()))
                .toList();
    }

    @Test
    void sessionRequestsAreCheckedAsAwsChecksThem() throws Exception {
        String name = uniqueName("err");
        activeStream(video(OWN_ACCOUNT), name, 1);
        KinesisVideoArchivedMediaClient archive = archive();

        assertThatThrownBy(() -> archive.getHLSStreamingSessionURL(r -> r.streamName(uniqueName("none"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> archive.getHLSStreamingSessionURL(r -> r.streamName(name)))
                .isInstanceOf(ResourceNotFoundException.class) // LIVE on a stream with nothing in the last 30 s
                .hasMessageContaining("30 seconds");
        put(name, 0);
        assertThatThrownBy(() -> archive.getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.ON_DEMAND)
                        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START + 60_000))
                                        .endTimestamp(Instant.ofEpochMilli(START + 70_000))))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> archive.getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.ON_DEMAND)
                        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("EndTimestamp is required");
        assertThatThrownBy(() -> archive.getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.LIVE)
                        .hlsFragmentSelector(
                                s -> s.timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))))))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> archive.getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.ON_DEMAND)
                        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                        .endTimestamp(Instant.ofEpochMilli(START + 90_000_000L))))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("24 hours");
        assertThatThrownBy(() -> archive.getHLSStreamingSessionURL(
                        r -> r.streamName(name).containerFormat(ContainerFormat.MPEG_TS)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("MPEG_TS");
        assertThatThrownBy(() -> archive.getHLSStreamingSessionURL(
                        r -> r.streamName(name).expires(299)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> archive.getHLSStreamingSessionURL(
                        r -> r.streamName(name).maxMediaPlaylistFragmentResults(5001L)))
                .isInstanceOf(InvalidArgumentException.class);

        String noRetention = uniqueName("noret");
        activeStream(video(OWN_ACCOUNT), noRetention, 0);
        assertThatThrownBy(() -> archive.getHLSStreamingSessionURL(r -> r.streamName(noRetention)))
                .isInstanceOf(NoDataRetentionException.class);
    }

    @Test
    void aForgedOrMissingSessionTokenIsNotAuthorized() throws Exception {
        String name = uniqueName("tok");
        activeStream(video(OWN_ACCOUNT), name, 1);
        put(name, 0);
        String url = archive()
                .getHLSStreamingSessionURL(r -> r.streamName(name)
                        .playbackMode(HLSPlaybackMode.ON_DEMAND)
                        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
                                .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(START))
                                        .endTimestamp(Instant.ofEpochMilli(START + 1000)))))
                .hlsStreamingSessionURL();
        String token = url.substring(url.indexOf("SessionToken=") + 13);
        char flipped = token.charAt(20) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, 20) + flipped + token.substring(21);

        HttpResponse<String> refused = get(url.replace(token, forged));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("NotAuthorizedException");
        assertThat(get(endpoint() + "/hls/v1/getHLSMediaPlaylist.m3u8").statusCode())
                .isEqualTo(400);
        HttpResponse<String> unknown = get(endpoint() + "/hls/v1/getMP4MediaFragment.mp4?SessionToken=" + token
                + "&FragmentNumber=91343852333181432434541011718327612049006641152");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
    }

    /** Puts one fragment of ten frames per index, a second apart from {@link #START}, and waits for them to persist. */
    private void put(String name, int... seconds) throws Exception {
        try (PutMediaClient producer = producer(name)) {
            producer.send(TestMkv.header(clip.codecPrivate()));
            for (int i : seconds) {
                producer.send(TestMkv.cluster(START + i * 1000L, clip.frames().subList(i * 10, i * 10 + 10), 100));
            }
            producer.finish();
            assertThat(producer.acksUntilEnd(Duration.ofSeconds(20)))
                    .filteredOn(a -> a.get("EventType").asString().equals("PERSISTED"))
                    .hasSize(seconds.length);
        }
    }

    private PutMediaClient producer(String name) throws Exception {
        return new PutMediaClient(
                port, OWN_ACCOUNT, Map.of("x-amzn-stream-name", name, "x-amzn-fragment-timecode-type", "ABSOLUTE"));
    }

    static void awaitPersisted(PutMediaClient producer, int count) throws InterruptedException {
        int persisted = 0;
        while (persisted < count) {
            var ack = producer.nextAck(Duration.ofSeconds(20));
            assertThat(ack).isNotNull().isNotSameAs(PutMediaClient.END);
            if (ack.get("EventType").asString().equals("PERSISTED")) {
                persisted++;
            }
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] bytes(String url) throws Exception {
        HttpResponse<byte[]> response =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
        return response.body();
    }

    static IsoFile iso(byte[] mp4) throws Exception {
        return new IsoFile(new ByteBufferByteChannel(ByteBuffer.wrap(mp4)));
    }

    private static String resolve(String base, String relative) {
        return URI.create(base).resolve(relative).toString();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String mapUri(String playlist) {
        Matcher m = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"").matcher(playlist);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static List<String> fragmentUrls(String playlist) {
        List<String> urls = new ArrayList<>();
        Matcher m = FRAGMENT_URL.matcher(playlist);
        while (m.find()) {
            urls.add(m.group());
        }
        return urls;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static byte[] concat(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(f.avcc()));
        return out.toByteArray();
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
