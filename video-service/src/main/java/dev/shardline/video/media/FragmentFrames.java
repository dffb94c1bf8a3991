package dev.shardline.video.media;

import com.amazonaws.kinesisvideo.parser.ebml.EBMLTypeInfo;
import com.amazonaws.kinesisvideo.parser.ebml.InputStreamParserByteSource;
import com.amazonaws.kinesisvideo.parser.ebml.MkvTypeInfos;
import com.amazonaws.kinesisvideo.parser.mkv.Frame;
import com.amazonaws.kinesisvideo.parser.mkv.MkvDataElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvEndMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The H.264 frames of one stored fragment (a self-contained MKV), read with AWS's MKV parser: the video track's AVCC
 * CodecPrivate and each of its blocks with its time from the fragment's start and its key-frame flag.
 *
 * @param codecPrivate the AVCC decoder configuration (SPS and PPS)
 * @param frames the video track's frames in stream order
 */
record FragmentFrames(ByteBuffer codecPrivate, List<VideoFrame> frames) {

    static final String H264 = "V_MPEG4/ISO/AVC";

    /** One frame: its AVCC (length-prefixed) NAL units, {@code offsetMillis} after the fragment's timestamp. */
    record VideoFrame(long offsetMillis, boolean keyFrame, ByteBuffer avcc) {}

    /** Thrown where the fragment holds no H.264 track, or its MKV does not parse. */
    static final class NotDecodable extends Exception {
        NotDecodable(String message) {
            super(message);
        }
    }

    static FragmentFrames read(byte[] mkv) throws NotDecodable {
        StreamingMkvReader reader =
                StreamingMkvReader.createDefault(new InputStreamParserByteSource(new ByteArrayInputStream(mkv)));
        long timecodeScaleNanos = 1_000_000;
        Long clusterTimecode = null;
        long trackNumber = -1;
        String codecId = null;
        ByteBuffer codecPrivate = null;
        long videoTrack = -1;
        ByteBuffer videoCodecPrivate = null;
        List<Frame> blocks = new ArrayList<>();
        List<Long> blockClusterTimecodes = new ArrayList<>();
        try {
            while (reader.mightHaveNext()) {
                Optional<MkvElement> next = reader.nextIfAvailable();
                if (next.isEmpty()) {
                    continue;
                }
                MkvElement element = next.get();
                EBMLTypeInfo type = element.getElementMetaData().getTypeInfo();
                if (element instanceof MkvEndMasterElement && type.equals(MkvTypeInfos.TRACKENTRY)) {
                    if (videoTrack < 0 && H264.equals(codecId) && codecPrivate != null) {
                        videoTrack = trackNumber;
                        videoCodecPrivate = codecPrivate;
                    }
                    codecId = null;
                    codecPrivate = null;
                } else if (element instanceof MkvDataElement data) {
                    Object value = data.getValueCopy().getVal();
                    if (type.equals(MkvTypeInfos.TIMECODESCALE)) {
                        timecodeScaleNanos = ((BigInteger) value).longValue();
                    } else if (type.equals(MkvTypeInfos.TRACKNUMBER)) {
                        trackNumber = ((BigInteger) value).longValue();
                    } else if (type.equals(MkvTypeInfos.CODECID)) {
                        codecId = (String) value;
                    } else if (type.equals(MkvTypeInfos.CODECPRIVATE)) {
                        codecPrivate = (ByteBuffer) value;
                    } else if (type.equals(MkvTypeInfos.TIMECODE)) {
                        clusterTimecode = ((BigInteger) value).longValue();
                    } else if (type.equals(MkvTypeInfos.SIMPLEBLOCK) && clusterTimecode != null) {
                        blocks.add((Frame) value);
                        blockClusterTimecodes.add(clusterTimecode);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new NotDecodable("the fragment's MKV does not parse: " + e.getMessage());
        }
        if (videoTrack < 0) {
            throw new NotDecodable("the fragment has no H.264 track with a CodecPrivate");
        }
        if (blocks.isEmpty()) {
            throw new NotDecodable("the fragment has no frames");
        }
        long first = blockClusterTimecodes.get(0);
        List<VideoFrame> frames = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Frame block = blocks.get(i);
            if (block.getTrackNumber() == videoTrack) {
                long ticks = blockClusterTimecodes.get(i) - first + block.getTimeCode();
                frames.add(new VideoFrame(
                        ticks * timecodeScaleNanos / 1_000_000, block.isKeyFrame(), block.getFrameData()));
            }
        }
        return new FragmentFrames(videoCodecPrivate, frames);
    }
}
