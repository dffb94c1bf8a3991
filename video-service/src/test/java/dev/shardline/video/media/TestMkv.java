package dev.shardline.video.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;

/**
 * Test media made in the test: H.264 frames encoded by jcodec from generated pictures, in an MKV written here the way
 * the KVS producer SDKs write it (EBML header, a Segment of unknown size, Info, one H.264 track with its AVCC
 * CodecPrivate, then one Cluster per fragment of SimpleBlocks in AVCC form).
 */
final class TestMkv {

    static final int WIDTH = 64;
    static final int HEIGHT = 48;

    /** One encoded frame: AVCC (length-prefixed) NAL units. */
    record Frame(byte[] avcc, boolean keyFrame) {}

    /** A clip of encoded frames, every {@code keyInterval}-th a key frame, and the AVCC CodecPrivate that decodes it. */
    record Clip(byte[] codecPrivate, List<Frame> frames) {}

    private TestMkv() {}

    static Clip h264(int frameCount, int keyInterval) {
        return h264(frameCount, keyInterval, i -> {
            Picture picture = Picture.create(WIDTH, HEIGHT, ColorSpace.YUV420J);
            for (int plane = 0; plane < 3; plane++) {
                byte[] data = picture.getPlaneData(plane);
                for (int p = 0; p < data.length; p++) {
                    data[p] = (byte) (((p + i * 3) % 200) - 100); // a moving gradient
                }
            }
            return picture;
        });
    }

    /** A clip of {@code frameCount} frames, frame {@code i} painted by {@code painter} (YUV420J, WIDTH × HEIGHT). */
    static Clip h264(int frameCount, int keyInterval, IntFunction<Picture> painter) {
        H264Encoder encoder = H264Encoder.createH264Encoder();
        encoder.setKeyInterval(keyInterval);
        List<Frame> frames = new ArrayList<>();
        byte[] sps = null;
        byte[] pps = null;
        for (int i = 0; i < frameCount; i++) {
            Picture picture = painter.apply(i);
            ByteBuffer out = ByteBuffer.allocate(encoder.estimateBufferSize(picture));
            EncodedFrame encoded = encoder.encodeFrame(picture, out);
            ByteArrayOutputStream avcc = new ByteArrayOutputStream();
            for (byte[] nal : nalUnits(encoded.getData())) {
                int type = nal[0] & 0x1F;
                if (type == 7) {
                    sps = nal;
                } else if (type == 8) {
                    pps = nal;
                } else {
                    avcc.write(nal.length >>> 24);
                    avcc.write(nal.length >>> 16);
                    avcc.write(nal.length >>> 8);
                    avcc.write(nal.length);
                    avcc.writeBytes(nal);
                }
            }
            frames.add(new Frame(avcc.toByteArray(), encoded.isKeyFrame()));
        }
        return new Clip(avcc(sps, pps), frames);
    }

    /** The EBML header, Segment (unknown size), Info and the H.264 track. */
    static byte[] header(byte[] codecPrivate) {
        return header(codecPrivate, null);
    }

    /**
     * The EBML header, Segment, Info, the H.264 track (1) and an AAC track (2, as the KVS producer SDKs number it) with
     * this AudioSpecificConfig, 48 kHz, two channels.
     */
    static byte[] headerWithAudio(byte[] codecPrivate, byte[] audioSpecificConfig) {
        return header(codecPrivate, audioSpecificConfig);
    }

    private static byte[] header(byte[] codecPrivate, byte[] audioSpecificConfig) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(element(
                0x1A45DFA3,
                concat(
                        uint(0x4286, 1),
                        uint(0x42F7, 1),
                        uint(0x42F2, 4),
                        uint(0x42F3, 8),
                        string(0x4282, "matroska"),
                        uint(0x4287, 2),
                        uint(0x4285, 2))));
        out.writeBytes(new byte[] {0x18, 0x53, (byte) 0x80, 0x67, 0x01, -1, -1, -1, -1, -1, -1, -1});
        out.writeBytes(element(
                0x1549A966,
                concat(uint(0x2AD7B1, 1_000_000), string(0x4D80, "shardline-test"), string(0x5741, "test"))));
        byte[] video = element(0xE0, concat(uint(0xB0, WIDTH), uint(0xBA, HEIGHT)));
        byte[] track = element(
                0xAE,
                concat(
                        uint(0xD7, 1),
                        uint(0x73C5, 1),
                        uint(0x83, 1),
                        string(0x86, "V_MPEG4/ISO/AVC"),
                        element(0x63A2, codecPrivate),
                        video));
        if (audioSpecificConfig != null) {
            byte[] audio = element(
                    0xE1,
                    concat(
                            element(
                                    0xB5,
                                    ByteBuffer.allocate(8).putDouble(48_000).array()),
                            uint(0x9F, 2)));
            track = concat(
                    track,
                    element(
                            0xAE,
                            concat(
                                    uint(0xD7, 2),
                                    uint(0x73C5, 2),
                                    uint(0x83, 2),
                                    string(0x86, "A_AAC"),
                                    element(0x63A2, audioSpecificConfig),
                                    audio)));
        }
        out.writeBytes(element(0x1654AE6B, track));
        return out.toByteArray();
    }

    /**
     * A cluster at {@code timecodeMillis} with video frames {@code frameMillis} apart and, interleaved by time, audio
     * frames (track 2) at {@code audioAtMillis}.
     */
    static byte[] clusterWithAudio(
            long timecodeMillis, List<Frame> frames, int frameMillis, List<byte[]> audio, int[] audioAtMillis) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(uint(0xE7, timecodeMillis));
        int a = 0;
        for (int i = 0; i < frames.size(); i++) {
            int relative = i * frameMillis;
            for (; a < audio.size() && audioAtMillis[a] < relative; a++) {
                content.writeBytes(block(2, audioAtMillis[a], true, audio.get(a)));
            }
            content.writeBytes(
                    block(1, relative, frames.get(i).keyFrame(), frames.get(i).avcc()));
        }
        for (; a < audio.size(); a++) {
            content.writeBytes(block(2, audioAtMillis[a], true, audio.get(a)));
        }
        return element(0x1F43B675, content.toByteArray());
    }

    /** A SimpleBlock of track {@code track} (1 to 127), {@code relative} ms after its cluster. */
    private static byte[] block(int track, int relative, boolean keyFrame, byte[] data) {
        return element(
                0xA3,
                concat(
                        new byte[] {
                            (byte) (0x80 | track),
                            (byte) (relative >>> 8),
                            (byte) relative,
                            (byte) (keyFrame ? 0x80 : 0)
                        },
                        data));
    }

    /** A cluster of known size at {@code timecodeMillis}, its frames {@code frameMillis} apart. */
    static byte[] cluster(long timecodeMillis, List<Frame> frames, int frameMillis) {
        return cluster(
                timecodeMillis,
                frames,
                java.util.stream.IntStream.range(0, frames.size())
                        .map(i -> i * frameMillis)
                        .toArray());
    }

    /**
     * A cluster of known size at {@code timecodeMillis}, frame {@code i} shown {@code shownAtMillis[i]} after it: frames
     * are stored in decode order, so with B-frames these times are not ascending.
     */
    static byte[] cluster(long timecodeMillis, List<Frame> frames, int[] shownAtMillis) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(uint(0xE7, timecodeMillis));
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            int relative = shownAtMillis[i];
            byte[] block = concat(
                    new byte[] {
                        (byte) 0x81, (byte) (relative >>> 8), (byte) relative, (byte) (frame.keyFrame() ? 0x80 : 0x00)
                    },
                    frame.avcc());
            content.writeBytes(element(0xA3, block));
        }
        return element(0x1F43B675, content.toByteArray());
    }

    static byte[] element(int id, byte[] content) {
        return concat(id(id), size(content.length), content);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] uint(int id, long value) {
        return element(id, ByteBuffer.allocate(8).putLong(value).array());
    }

    private static byte[] string(int id, String value) {
        return element(id, value.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] id(int id) {
        int length = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (id >>> (8 * (length - 1 - i)));
        }
        return bytes;
    }

    /** An 8-byte EBML size, as the producer SDKs write known sizes. */
    private static byte[] size(long size) {
        byte[] bytes = ByteBuffer.allocate(8).putLong(size).array();
        bytes[0] = 0x01;
        return bytes;
    }

    private static byte[] avcc(byte[] sps, byte[] pps) {
        return concat(
                new byte[] {
                    1, sps[1], sps[2], sps[3], (byte) 0xFF, (byte) 0xE1, (byte) (sps.length >>> 8), (byte) sps.length
                },
                sps,
                new byte[] {1, (byte) (pps.length >>> 8), (byte) pps.length},
                pps);
    }

    /** The NAL units of an Annex B stream (start codes removed). */
    private static List<byte[]> nalUnits(ByteBuffer annexB) {
        byte[] data = new byte[annexB.remaining()];
        annexB.duplicate().get(data);
        List<byte[]> units = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < data.length) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                if (start >= 0) {
                    int end = i > 0 && data[i - 1] == 0 ? i - 1 : i;
                    units.add(java.util.Arrays.copyOfRange(data, start, end));
                }
                start = i + 3;
                i += 3;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < data.length) {
            units.add(java.util.Arrays.copyOfRange(data, start, data.length));
        }
        return units;
    }
}
