package dev.shardline.video.media.playback;

import com.amazonaws.kinesisvideo.parser.ebml.InputStreamParserByteSource;
import com.amazonaws.kinesisvideo.parser.mkv.Frame;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElementVisitException;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata;
import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadataVisitor.MkvTagProcessor;
import com.amazonaws.kinesisvideo.parser.utilities.FrameVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.MkvTrackMetadata;
import dev.shardline.platform.error.AwsErrorType;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The frames of one stored fragment (a self-contained MKV: header, tracks, one cluster), read with AWS's own MKV parser,
 * for remuxing into MP4 without transcoding. Track 1 is the video: it must be H.264 with an AVCC CodecPrivate, as AWS
 * requires of track 1 for HLS, DASH and GetClip; an AAC track beside it (AWS's track 2) is played too, other tracks are
 * not.
 */
final class MkvMedia {

    static final String H264 = "V_MPEG4/ISO/AVC";
    static final String AAC = "A_AAC";

    /** AAC's samplingFrequencyIndex (ISO/IEC 14496-3); 15 means the rate is written out, which is rare. */
    private static final int[] SAMPLING_FREQUENCIES = {
        96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000, 11_025, 8_000, 7_350
    };

    /** The video track: its AVCC configuration (MKV CodecPrivate) and its size in pixels (0 if not given). */
    record Track(byte[] codecPrivate, int width, int height) {

        /** The RFC 6381 codec string ({@code avc1.PPCCLL}) for an HLS CODECS attribute. */
        String codecs() {
            return String.format(
                    "avc1.%02x%02x%02x", codecPrivate[1] & 0xFF, codecPrivate[2] & 0xFF, codecPrivate[3] & 0xFF);
        }
    }

    /**
     * One frame: when it is shown ({@code offsetMillis}, the MKV block's time from the cluster's start) and when it is
     * decoded ({@code decodeOffsetMillis}), in ms; how long until the next frame is decoded; its AVCC bytes. The two
     * times differ where a stream has B-frames: frames are stored in decode order, and MKV gives presentation times.
     */
    record Sample(long offsetMillis, long decodeOffsetMillis, long durationMillis, boolean keyFrame, byte[] data) {

        /** The frame's presentation time less its decode time: MP4's composition offset (ctts, trun). */
        long compositionOffsetMillis() {
            return offsetMillis - decodeOffsetMillis;
        }
    }

    /**
     * An AAC audio track (AWS plays one as track 2, codec {@code A_AAC}): its AudioSpecificConfig (MKV CodecPrivate),
     * sampling rate, channel count, and its frames in the order stored.
     */
    record AudioTrack(byte[] audioSpecificConfig, int sampleRate, int channels, List<Sample> samples) {

        /** The RFC 6381 codec string: {@code mp4a.40.} and the audio object type (2 for AAC-LC). */
        String codecs() {
            int objectType = (audioSpecificConfig[0] & 0xFF) >>> 3;
            return "mp4a.40." + objectType;
        }
    }

    /** A fragment's video track and frames, in the order stored, and its AAC track if it has one. */
    record Media(Track track, List<Sample> samples, Optional<AudioTrack> audio) {

        /** The codecs of what is played, for HLS's CODECS and DASH's codecs attribute. */
        String codecs() {
            return audio.map(a -> track.codecs() + "," + a.codecs()).orElse(track.codecs());
        }
    }

    private MkvMedia() {}

    static Media read(byte[] mkv, long fragmentDurationMillis) {
        Map<Long, TrackFrames> tracks = new LinkedHashMap<>();
        FrameVisitor.FrameProcessor processor = new FrameVisitor.FrameProcessor() {
            @Override
            public void process(
                    Frame frame,
                    MkvTrackMetadata track,
                    Optional<FragmentMetadata> fragment,
                    Optional<MkvTagProcessor> tags,
                    Optional<BigInteger> timescale,
                    Optional<BigInteger> clusterTimecode) {
                long scale = timescale.map(BigInteger::longValue).orElse(1_000_000L);
                ByteBuffer bytes = frame.getFrameData();
                byte[] copy = new byte[bytes.remaining()];
                bytes.duplicate().get(copy);
                tracks.computeIfAbsent(track.getTrackNumber().longValue(), n -> new TrackFrames(track))
                        .add(frame.getTimeCode() * scale / 1_000_000L, frame.isKeyFrame(), copy);
            }
        };
        try {
            StreamingMkvReader.createDefault(new InputStreamParserByteSource(new ByteArrayInputStream(mkv)))
                    .apply(FrameVisitor.create(processor));
        } catch (MkvElementVisitException | RuntimeException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("A fragment of the stream could not be read as MKV");
        }
        if (tracks.isEmpty()) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception("No media found in the requested fragments");
        }
        // track 1 is the video, as AWS requires; a stream numbered otherwise plays its first track seen
        TrackFrames video = tracks.getOrDefault(1L, tracks.values().iterator().next());
        Track track = track(video.metadata);
        List<Sample> samples = video.samples(fragmentDurationMillis);
        long fragmentEnd = samples.get(0).decodeOffsetMillis() + fragmentDurationMillis;
        Optional<AudioTrack> audio = tracks.values().stream()
                .filter(t -> t != video && AAC.equals(t.metadata.getCodecId()))
                .findFirst()
                .flatMap(t -> audioTrack(t, fragmentEnd));
        return new Media(track, samples, audio);
    }

    /** An AAC track with an AudioSpecificConfig; one without cannot be described in MP4 and is left out. */
    private static Optional<AudioTrack> audioTrack(TrackFrames frames, long fragmentEnd) {
        ByteBuffer privateData = frames.metadata.getCodecPrivateData();
        if (privateData == null || privateData.remaining() < 2) {
            return Optional.empty();
        }
        byte[] config = new byte[privateData.remaining()];
        privateData.duplicate().get(config);
        // the AudioSpecificConfig is what the decoder goes by; the MKV track's values only where it leaves them open
        int index = ((config[0] & 0x07) << 1) | ((config[1] & 0xFF) >>> 7);
        int rate = index < SAMPLING_FREQUENCIES.length
                ? SAMPLING_FREQUENCIES[index]
                : frames.metadata.getSamplingFrequency().map(Double::intValue).orElse(0);
        int configured = ((config[1] & 0xFF) >>> 3) & 0x0F;
        int channels = configured > 0 && configured < 7
                ? configured
                : frames.metadata.getChannels().map(BigInteger::intValue).orElse(2);
        long first = frames.times.get(0);
        return Optional.of(new AudioTrack(config, rate, channels, frames.samples(fragmentEnd - first)));
    }

    /** One track's frames as the parser delivers them: stored order, times in ms from the cluster. */
    private static final class TrackFrames {
        private final MkvTrackMetadata metadata;
        private final List<Long> times = new ArrayList<>();
        private final List<Boolean> keys = new ArrayList<>();
        private final List<byte[]> data = new ArrayList<>();

        TrackFrames(MkvTrackMetadata metadata) {
            this.metadata = metadata;
        }

        void add(long timeMillis, boolean keyFrame, byte[] bytes) {
            times.add(timeMillis);
            keys.add(keyFrame);
            data.add(bytes);
        }

        /**
         * The frames as samples. Decode times: the presentation times in ascending order, taken in storage (decode)
         * order. Without B-frames they are the presentation times themselves; with them, the composition offsets
         * (possibly negative) restore the presentation times. The last frame lasts until {@code lengthMillis} after the
         * first.
         */
        List<Sample> samples(long lengthMillis) {
            long[] presentation = times.stream().mapToLong(Long::longValue).toArray();
            long[] decode = presentation.clone();
            Arrays.sort(decode);
            List<Sample> samples = new ArrayList<>(presentation.length);
            for (int i = 0; i < presentation.length; i++) {
                long next = i + 1 < decode.length ? decode[i + 1] : decode[0] + lengthMillis;
                samples.add(new Sample(
                        presentation[i], decode[i], Math.max(1, next - decode[i]), keys.get(i), data.get(i)));
            }
            return samples;
        }
    }

    private static Track track(MkvTrackMetadata metadata) {
        if (!H264.equals(metadata.getCodecId())) {
            throw AwsErrorType.UNSUPPORTED_STREAM_MEDIA_TYPE.exception(
                    "The codec ID for track 1 should be " + H264 + ", not " + metadata.getCodecId());
        }
        ByteBuffer privateData = metadata.getCodecPrivateData();
        if (privateData == null || !privateData.hasRemaining()) {
            throw AwsErrorType.MISSING_CODEC_PRIVATE_DATA.exception(
                    "No codec private data was found in track 1 of the video stream");
        }
        byte[] codecPrivate = new byte[privateData.remaining()];
        privateData.duplicate().get(codecPrivate);
        if (codecPrivate.length < 7 || codecPrivate[0] != 1) {
            throw AwsErrorType.INVALID_CODEC_PRIVATE_DATA.exception(
                    "The codec private data of track 1 is not an AVC decoder configuration record");
        }
        return new Track(
                codecPrivate,
                metadata.getPixelWidth().map(BigInteger::intValue).orElse(0),
                metadata.getPixelHeight().map(BigInteger::intValue).orElse(0));
    }
}
