package dev.shardline.video.media;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The MKV {@code Tags} element that Kinesis Video Streams appends after each fragment it returns (GetMedia,
 * GetMediaForFragmentList): SimpleTags of name and string value, written with 8-byte sizes as the producer SDKs do.
 */
final class MkvTags {

    private static final int TAGS = 0x1254C367;
    private static final int TAG = 0x7373;
    private static final int SIMPLE_TAG = 0x67C8;
    private static final int TAG_NAME = 0x45A3;
    private static final int TAG_STRING = 0x4487;

    private MkvTags() {}

    /** {@code mkv} followed by one Tags element holding {@code tags} in their iteration order. */
    static byte[] after(byte[] mkv, Map<String, String> tags) {
        ByteArrayOutputStream simpleTags = new ByteArrayOutputStream();
        tags.forEach((name, value) -> simpleTags.writeBytes(element(
                SIMPLE_TAG,
                concat(
                        element(TAG_NAME, name.getBytes(StandardCharsets.UTF_8)),
                        element(TAG_STRING, value.getBytes(StandardCharsets.UTF_8))))));
        ByteArrayOutputStream out = new ByteArrayOutputStream(mkv.length + 512);
        out.writeBytes(mkv);
        out.writeBytes(element(TAGS, element(TAG, simpleTags.toByteArray())));
        return out.toByteArray();
    }

    /** A timestamp as AWS writes it in these tags: epoch seconds with milliseconds. */
    static String seconds(Instant instant) {
        return new BigDecimal(instant.toEpochMilli()).movePointLeft(3).toPlainString();
    }

    /** An EBML element with an 8-byte size, as the producer SDKs write them. */
    static byte[] element(int id, byte[] content) {
        int length = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        ByteBuffer out = ByteBuffer.allocate(length + 8 + content.length);
        for (int i = length - 1; i >= 0; i--) {
            out.put((byte) (id >>> (8 * i)));
        }
        out.putLong(content.length);
        out.put(length, (byte) 0x01);
        out.put(content);
        return out.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
