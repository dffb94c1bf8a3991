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
import java.util.List;
import java.util.Optional;

/**
 * The frames of one stored fragment (a self-contained MKV: header, tracks, one cluster), read with AWS's own MKV parser,
 * for remuxing into MP4 without transcoding. Only the first track is played: it must be H.264 with an AVCC
 * CodecPrivate, as AWS requires of track 1 for HLS, DASH and GetClip.
 */
final class MkvMedia {

    static final String H264 = "V_MPEG4/ISO/AVC";

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

    /** A fragment's video track and frames, in the order stored. */
    record Media(Track track, List<Sample> samples) {}

    private MkvMedia() {}

    static Media read(byte[] mkv, long fragmentDurationMillis) {
        List<long[]> times = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        List<Boolean> keys = new ArrayList<>();
        MkvTrackMetadata[] first = new MkvTrackMetadata[1];
        FrameVisitor.FrameProcessor processor = new FrameVisitor.FrameProcessor() {
            @Override
            public void process(
                    Frame frame,
                    MkvTrackMetadata track,
                    Optional<FragmentMetadata> fragment,
                    Optional<MkvTagProcessor> tags,
                    Optional<BigInteger> timescale,
                    Optional<BigInteger> clusterTimecode) {
                if (first[0] == null) {
                    first[0] = track;
                }
                if (!track.getTrackNumber().equals(first[0].getTrackNumber())) {
                    return; // audio and other tracks are not played
                }
                long scale = timescale.map(BigInteger::longValue).orElse(1_000_000L);
                times.add(new long[] {frame.getTimeCode() * scale / 1_000_000L});
                ByteBuffer bytes = frame.getFrameData();
                byte[] copy = new byte[bytes.remaining()];
                bytes.duplicate().get(copy);
                data.add(copy);
                keys.add(frame.isKeyFrame());
            }
        };
        try {
            StreamingMkvReader.createDefault(new InputStreamParserByteSource(new ByteArrayInputStream(mkv)))
                    .apply(FrameVisitor.create(processor));
        } catch (MkvElementVisitException | RuntimeException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("A fragment of the stream could not be read as MKV");
        }
        if (first[0] == null) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception("No media found in the requested fragments");
        }
        Track track = track(first[0]);
        // Decode times: the presentation times in ascending order, taken in storage (decode) order. Without B-frames
        // they are the presentation times themselves; with them, each frame decodes no later than it is shown after
        // reordering, and the composition offsets (possibly negative) restore the presentation times.
        long[] presentation = times.stream().mapToLong(t -> t[0]).toArray();
        long[] decode = presentation.clone();
        Arrays.sort(decode);
        List<Sample> samples = new ArrayList<>(times.size());
        for (int i = 0; i < presentation.length; i++) {
            long next = i + 1 < decode.length
                    ? decode[i + 1]
                    // the fragment's length runs from its first frame to the end of its last
                    : decode[0] + fragmentDurationMillis;
            samples.add(
                    new Sample(presentation[i], decode[i], Math.max(1, next - decode[i]), keys.get(i), data.get(i)));
        }
        return new Media(track, samples);
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
