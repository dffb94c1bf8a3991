package dev.shardline.video.media;

import dev.shardline.video.media.FragmentFrames.VideoFrame;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.mp4.AvcCBox;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.ColorUtil;
import org.jcodec.scale.Transform;

/**
 * Decodes the frames of one fragment that are shown at given times, with jcodec's H.264 decoder (baseline and main
 * profile): for each time the frame at or before it, decoded from the key frame before it. The frames are decoded in
 * one pass, in order, and no further than the last frame asked for; a key frame between two asked-for frames restarts
 * the pass there rather than decoding what lies between.
 */
final class FrameDecoder {

    private FrameDecoder() {}

    /**
     * The pictures shown at {@code offsetsMillis} (ascending, from the fragment's timestamp), in that order; a null
     * entry where the frame could not be decoded (no key frame before it, or the decoder refused a frame it needs).
     */
    static List<BufferedImage> decode(FragmentFrames fragment, List<Long> offsetsMillis) {
        List<VideoFrame> frames = fragment.frames();
        Map<Integer, BufferedImage> decodedAt = new LinkedHashMap<>();
        List<Integer> wanted = new ArrayList<>();
        for (long offset : offsetsMillis) {
            wanted.add(frameAt(frames, offset));
        }
        H264Decoder decoder = new H264Decoder();
        AvcCBox avcC;
        ByteBuffer parameterSets;
        byte[][] buffer;
        try {
            avcC = AvcCBox.parseAvcCBox(fragment.codecPrivate().duplicate());
            parameterSets = H264Utils.avcCToAnnexB(avcC);
            buffer = pictureBuffer(avcC);
        } catch (RuntimeException e) {
            return nulls(offsetsMillis.size());
        }
        int next = 0; // the next frame to decode
        boolean broken = true; // nothing decodable yet: decoding starts at a key frame
        for (int target : wanted) {
            if (target < 0 || decodedAt.containsKey(target)) {
                continue;
            }
            int key = lastKeyFrame(frames, target);
            if (key < 0) {
                continue;
            }
            if (key >= next) {
                next = key;
                broken = false;
            }
            Picture picture = null;
            for (; next <= target; next++) {
                if (frames.get(next).keyFrame()) {
                    broken = false;
                }
                if (broken) {
                    continue;
                }
                try {
                    picture = decoder.decodeFrame(annexB(frames.get(next), avcC, parameterSets), buffer);
                } catch (RuntimeException e) {
                    picture = null;
                }
                if (picture == null) {
                    broken = true; // what follows refers to a frame that is not there
                }
            }
            decodedAt.put(target, broken || picture == null ? null : rgb(picture));
        }
        List<BufferedImage> images = new ArrayList<>();
        for (int target : wanted) {
            images.add(target < 0 ? null : decodedAt.get(target));
        }
        return images;
    }

    /** The index of the last frame at or before {@code offsetMillis}, or -1. */
    private static int frameAt(List<VideoFrame> frames, long offsetMillis) {
        int found = -1;
        for (int i = 0; i < frames.size() && frames.get(i).offsetMillis() <= offsetMillis; i++) {
            found = i;
        }
        return found;
    }

    private static int lastKeyFrame(List<VideoFrame> frames, int upTo) {
        for (int i = upTo; i >= 0; i--) {
            if (frames.get(i).keyFrame()) {
                return i;
            }
        }
        return -1;
    }

    /** A frame in Annex B form, as the decoder reads it; a key frame after the parameter sets it needs. */
    private static ByteBuffer annexB(VideoFrame frame, AvcCBox avcC, ByteBuffer parameterSets) {
        ByteBuffer nals = H264Utils.decodeMOVPacket(frame.avcc().duplicate(), avcC);
        if (!frame.keyFrame()) {
            return nals;
        }
        ByteBuffer withParameterSets = ByteBuffer.allocate(parameterSets.remaining() + nals.remaining());
        withParameterSets.put(parameterSets.duplicate()).put(nals).flip();
        return withParameterSets;
    }

    /** Room for one decoded picture of the sequence's size (in whole macroblocks, before cropping). */
    private static byte[][] pictureBuffer(AvcCBox avcC) {
        SeqParameterSet sps = SeqParameterSet.read(avcC.getSpsList().get(0).duplicate());
        int width = (sps.picWidthInMbsMinus1 + 1) * 16;
        int height = SeqParameterSet.getPicHeightInMbs(sps) * 16;
        return Picture.create(width, height, ColorSpace.YUV420J).getData();
    }

    /** The picture, cropped as its sequence says, as an RGB image (jcodec keeps samples as signed bytes). */
    static BufferedImage rgb(Picture decoded) {
        Picture picture = decoded.cropped();
        Picture rgb = Picture.create(picture.getWidth(), picture.getHeight(), ColorSpace.RGB);
        Transform transform = ColorUtil.getTransform(picture.getColor(), ColorSpace.RGB);
        transform.transform(picture, rgb);
        BufferedImage image = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] source = rgb.getPlaneData(0);
        for (int i = 0; i < source.length; i += 3) {
            target[i] = (byte) (source[i + 2] + 128);
            target[i + 1] = (byte) (source[i + 1] + 128);
            target[i + 2] = (byte) (source[i] + 128);
        }
        return image;
    }

    private static List<BufferedImage> nulls(int count) {
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(null);
        }
        return images;
    }
}
