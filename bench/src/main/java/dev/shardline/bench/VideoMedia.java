package dev.shardline.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;

/**
 * The video every benchmark producer sends, made once in-process: one group of pictures of H.264 (jcodec, a key frame
 * then P frames) of about the wanted bit rate, and the MKV pieces a KVS producer writes around it (EBML header,
 * Segment of unknown size, Info, one H.264 track with its AVCC CodecPrivate; then per fragment a Cluster of known size
 * with one SimpleBlock per frame). Noise in part of each picture sets the bit rate: jcodec has no rate control.
 */
final class VideoMedia {

    static final int WIDTH = 640;
    static final int HEIGHT = 352;

    final int fps;
    final byte[] codecPrivate;
    final List<byte[]> frames; // AVCC, the first a key frame

    private VideoMedia(int fps, byte[] codecPrivate, List<byte[]> frames) {
        this.fps = fps;
        this.codecPrivate = codecPrivate;
        this.frames = frames;
    }

    /** One second of video ({@code fps} frames, one key frame) of about {@code bitsPerSecond}. */
    static VideoMedia make(int fps, long bitsPerSecond) {
        // The still background costs little after the key frame, so the bit rate grows about linearly with the noise.
        double noisyRows = 0.25;
        VideoMedia media = encode(fps, noisyRows);
        for (int attempt = 0; attempt < 3; attempt++) {
            double ratio = (double) bitsPerSecond / media.bitsPerSecond();
            if (Math.abs(ratio - 1) < 0.1) {
                break;
            }
            noisyRows = Math.max(0.01, Math.min(1, noisyRows * ratio));
            media = encode(fps, noisyRows);
        }
        return media;
    }

    long bitsPerSecond() {
        return frames.stream().mapToLong(f -> f.length).sum() * 8;
    }

    private static VideoMedia encode(int fps, double noisyRows) {
        H264Encoder encoder = H264Encoder.createH264Encoder();
        encoder.setKeyInterval(fps);
        Random random = new Random(42);
        List<byte[]> frames = new ArrayList<>();
        byte[] sps = null;
        byte[] pps = null;
        int noisy = (int) Math.round(HEIGHT * noisyRows);
        for (int i = 0; i < fps; i++) {
            Picture picture = Picture.create(WIDTH, HEIGHT, ColorSpace.YUV420J);
            for (int plane = 0; plane < 3; plane++) {
                byte[] data = picture.getPlaneData(plane);
                int width = plane == 0 ? WIDTH : WIDTH / 2;
                int rows = plane == 0 ? noisy : noisy / 2;
                for (int p = 0; p < data.length; p++) {
                    data[p] = p / width < rows
                            ? (byte) (random.nextInt(256) - 128)
                            : (byte) ((p % width) * 200 / width - 100); // a still gradient
                }
            }
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
                    avcc.writeBytes(ByteBuffer.allocate(4).putInt(nal.length).array());
                    avcc.writeBytes(nal);
                }
            }
            frames.add(avcc.toByteArray());
        }
        return new VideoMedia(fps, avcc(sps, pps), frames);
    }

    /** The EBML header, Segment (unknown size), Info and the H.264 track: the start of a PutMedia body. */
    byte[] header() {
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
                concat(uint(0x2AD7B1, 1_000_000), string(0x4D80, "shardline-bench"), string(0x5741, "bench"))));
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
        out.writeBytes(element(0x1654AE6B, track));
        return out.toByteArray();
    }

    /**
     * One fragment (a Cluster of known size at {@code timecodeMillis}) cut into the pieces a camera sends as its frames
     * are made: the first holds the cluster's head and the key frame, each further piece one frame.
     */
    List<byte[]> fragment(long timecodeMillis) {
        int frameMillis = 1000 / fps;
        List<byte[]> blocks = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < frames.size(); i++) {
            int relative = i * frameMillis;
            byte[] block = element(
                    0xA3,
                    concat(
                            new byte[] {
                                (byte) 0x81, (byte) (relative >>> 8), (byte) relative, (byte) (i == 0 ? 0x80 : 0x00)
                            },
                            frames.get(i)));
            blocks.add(block);
            size += block.length;
        }
        byte[] timecode = uint(0xE7, timecodeMillis);
        size += timecode.length;
        byte[] head = concat(id(0x1F43B675), size(size), timecode);
        List<byte[]> pieces = new ArrayList<>();
        pieces.add(concat(head, blocks.get(0)));
        pieces.addAll(blocks.subList(1, blocks.size()));
        return pieces;
    }

    private static byte[] element(int id, byte[] content) {
        return concat(id(id), size(content.length), content);
    }

    private static byte[] concat(byte[]... parts) {
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
                    units.add(Arrays.copyOfRange(data, start, i > 0 && data[i - 1] == 0 ? i - 1 : i));
                }
                start = i + 3;
                i += 3;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < data.length) {
            units.add(Arrays.copyOfRange(data, start, data.length));
        }
        return units;
    }
}
