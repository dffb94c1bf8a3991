package dev.shardline.video.media.playback;

import dev.shardline.video.media.playback.MkvMedia.AudioTrack;
import dev.shardline.video.media.playback.MkvMedia.Media;
import dev.shardline.video.media.playback.MkvMedia.Sample;
import dev.shardline.video.media.playback.MkvMedia.Track;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fragmented MP4 (ISO/IEC 14496-12) for an H.264 track and, where the stream has one, an AAC track, remuxed without
 * transcoding: an init segment (ftyp + moov with the avcC and the AudioSpecificConfig taken from the MKV
 * CodecPrivates, and mvex/trex) and media segments (moof + mdat, whose tfdt is the fragment's time). MKV frames are already AVCC (length-prefixed NAL units), as MP4 samples are.
 * Timescale: milliseconds, as MKV's.
 */
final class Fmp4 {

    static final int TIMESCALE = 1000;
    private static final int TRACK_ID = 1;
    private static final int AUDIO_TRACK_ID = 2;
    private static final int KEY_FRAME_FLAGS = 0x02000000; // depends on no other sample
    private static final int OTHER_FRAME_FLAGS = 0x01010000; // depends on others, not a sync sample

    private Fmp4() {}

    /** The init segment: the video track, and the AAC track when the stream has one. */
    static byte[] init(Media media) {
        byte[] empty = concat(
                fullBox("stts", 0, 0, u32(0)),
                fullBox("stsc", 0, 0, u32(0)),
                fullBox("stsz", 0, 0, u32(0), u32(0)),
                fullBox("stco", 0, 0, u32(0)));
        byte[] video = trak(media.track(), 0, box("stbl", fullBox("stsd", 0, 0, u32(1), avc1(media.track())), empty));
        if (media.audio().isEmpty()) {
            return concat(ftyp(), box("moov", mvhd(0, TRACK_ID + 1), video, box("mvex", trex(TRACK_ID))));
        }
        AudioTrack audio = media.audio().get();
        byte[] sound = audioTrak(audio, box("stbl", fullBox("stsd", 0, 0, u32(1), mp4a(audio)), empty));
        return concat(
                ftyp(),
                box(
                        "moov",
                        mvhd(0, AUDIO_TRACK_ID + 1),
                        video,
                        sound,
                        box("mvex", trex(TRACK_ID), trex(AUDIO_TRACK_ID))));
    }

    /**
     * A traditional (not fragmented) MP4, as GetClip answers: moov first (sample tables: decode times, sizes, sync
     * samples, one chunk), then one mdat. {@code decodeTimes} are in {@link #TIMESCALE} units from the clip's start.
     */
    static byte[] progressive(Track track, List<Sample> samples, long[] decodeTimes) {
        int n = samples.size();
        long duration = n == 0 ? 0 : decodeTimes[n - 1] + samples.get(n - 1).durationMillis();
        ByteArrayOutputStream stts = new ByteArrayOutputStream();
        ByteArrayOutputStream stsz = new ByteArrayOutputStream();
        ByteArrayOutputStream stss = new ByteArrayOutputStream();
        ByteArrayOutputStream ctts = new ByteArrayOutputStream();
        boolean reordered = reordered(samples);
        int syncCount = 0;
        for (int i = 0; i < n; i++) {
            if (reordered) {
                ctts.writeBytes(u32(1));
                ctts.writeBytes(u32((int) samples.get(i).compositionOffsetMillis()));
            }
            long delta = i + 1 < n
                    ? decodeTimes[i + 1] - decodeTimes[i]
                    : samples.get(i).durationMillis();
            stts.writeBytes(u32(1));
            stts.writeBytes(u32((int) Math.max(0, delta)));
            stsz.writeBytes(u32(samples.get(i).data().length));
            if (samples.get(i).keyFrame()) {
                stss.writeBytes(u32(i + 1));
                syncCount++;
            }
        }
        byte[] ftyp = ftyp();
        byte[] moov = null;
        int mdatOffset = 0;
        for (int pass = 0; pass < 2; pass++) { // the chunk offset depends on moov's size, which does not depend on it
            byte[] stbl = box(
                    "stbl",
                    fullBox("stsd", 0, 0, u32(1), avc1(track)),
                    fullBox("stts", 0, 0, u32(n), stts.toByteArray()),
                    // version 1: signed offsets, decode times being the presentation times in order
                    reordered ? fullBox("ctts", 1, 0, u32(n), ctts.toByteArray()) : new byte[0],
                    fullBox("stss", 0, 0, u32(syncCount), stss.toByteArray()),
                    fullBox("stsc", 0, 0, u32(n == 0 ? 0 : 1), n == 0 ? new byte[0] : concat(u32(1), u32(n), u32(1))),
                    fullBox("stsz", 0, 0, u32(0), u32(n), stsz.toByteArray()),
                    fullBox("stco", 0, 0, u32(n == 0 ? 0 : 1), n == 0 ? new byte[0] : u32(mdatOffset + 8)));
            moov = box("moov", mvhd(duration, TRACK_ID + 1), trak(track, duration, stbl));
            mdatOffset = ftyp.length + moov.length;
        }
        int mdatSize = 8 + samples.stream().mapToInt(s -> s.data().length).sum();
        ByteBuffer mdat = ByteBuffer.allocate(mdatSize).putInt(mdatSize).put(ascii("mdat"));
        samples.forEach(s -> mdat.put(s.data()));
        return concat(ftyp, moov, mdat.array());
    }

    /**
     * A media segment: the fragment's frames, its video track's decode times from {@code baseMillis} (in {@link
     * #TIMESCALE} units) on, and its audio's likewise, one {@code traf} each, their samples in one {@code mdat}.
     */
    static byte[] segment(long sequence, long baseMillis, Media media) {
        List<Run> runs = new ArrayList<>();
        runs.add(new Run(TRACK_ID, baseMillis + media.samples().get(0).decodeOffsetMillis(), media.samples()));
        media.audio()
                .ifPresent(audio -> runs.add(new Run(
                        AUDIO_TRACK_ID, baseMillis + audio.samples().get(0).decodeOffsetMillis(), audio.samples())));
        int dataSize = runs.stream().mapToInt(Run::bytes).sum();
        byte[] moof = moof(sequence, runs, 0);
        moof = moof(sequence, runs, moof.length + 8); // data offsets count from moof's start
        ByteBuffer mdat = ByteBuffer.allocate(8 + dataSize).putInt(8 + dataSize).put(ascii("mdat"));
        runs.forEach(run -> run.samples().forEach(sample -> mdat.put(sample.data())));
        return concat(moof, mdat.array());
    }

    /** One track's samples in a segment, and where its decode times start. */
    private record Run(int trackId, long baseDecodeTime, List<Sample> samples) {
        int bytes() {
            return samples.stream().mapToInt(sample -> sample.data().length).sum();
        }
    }

    private static byte[] ftyp() {
        return box("ftyp", ascii("iso6"), u32(0), ascii("iso6"), ascii("isom"), ascii("avc1"), ascii("mp41"));
    }

    private static byte[] mvhd(long duration, int nextTrackId) {
        return fullBox(
                "mvhd",
                0,
                0,
                u32(0),
                u32(0),
                u32(TIMESCALE),
                u32((int) duration),
                u32(0x00010000), // rate 1.0
                u16(0x0100), // volume 1.0
                new byte[10],
                matrix(),
                new byte[24],
                u32(nextTrackId));
    }

    private static byte[] trak(Track track, long duration, byte[] stbl) {
        byte[] tkhd = fullBox(
                "tkhd",
                0,
                3, // enabled, in movie
                u32(0),
                u32(0),
                u32(TRACK_ID),
                u32(0),
                u32((int) duration),
                new byte[8],
                u16(0),
                u16(0),
                u16(0),
                u16(0),
                matrix(),
                u32(track.width() << 16),
                u32(track.height() << 16));
        byte[] mdhd = fullBox(
                "mdhd", 0, 0, u32(0), u32(0), u32(TIMESCALE), u32((int) duration), u16(0x55C4), u16(0)); // 'und'
        byte[] hdlr = fullBox(
                "hdlr",
                0,
                0,
                u32(0),
                ascii("vide"),
                new byte[12],
                "Shardline video\0".getBytes(StandardCharsets.UTF_8));
        byte[] dinf = box("dinf", fullBox("dref", 0, 0, u32(1), fullBox("url ", 0, 1)));
        byte[] minf = box("minf", fullBox("vmhd", 0, 1, new byte[8]), dinf, stbl);
        return box("trak", tkhd, box("mdia", mdhd, hdlr, minf));
    }

    private static byte[] avc1(Track track) {
        return box(
                "avc1",
                new byte[6],
                u16(1), // data reference index
                new byte[16],
                u16(track.width()),
                u16(track.height()),
                u32(0x00480000), // 72 dpi
                u32(0x00480000),
                u32(0),
                u16(1), // frame count
                new byte[32], // compressor name
                u16(0x0018),
                u16(0xFFFF),
                box("avcC", track.codecPrivate()));
    }

    private static byte[] trex(int trackId) {
        return fullBox("trex", 0, 0, u32(trackId), u32(1), u32(0), u32(0), u32(0));
    }

    private static byte[] moof(long sequence, List<Run> runs, int dataOffset) {
        ByteArrayOutputStream trafs = new ByteArrayOutputStream();
        int offset = dataOffset;
        for (Run run : runs) {
            trafs.writeBytes(traf(run, offset));
            offset += run.bytes();
        }
        return box("moof", fullBox("mfhd", 0, 0, u32((int) sequence)), trafs.toByteArray());
    }

    private static byte[] traf(Run run, int dataOffset) {
        List<Sample> samples = run.samples();
        boolean reordered = reordered(samples);
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        for (Sample sample : samples) {
            entries.writeBytes(u32((int) sample.durationMillis()));
            entries.writeBytes(u32(sample.data().length));
            entries.writeBytes(u32(sample.keyFrame() ? KEY_FRAME_FLAGS : OTHER_FRAME_FLAGS));
            if (reordered) {
                entries.writeBytes(u32((int) sample.compositionOffsetMillis()));
            }
        }
        byte[] trun = fullBox(
                "trun",
                reordered ? 1 : 0, // version 1: signed composition offsets
                // data offset, and per sample: duration, size, flags (and composition offset where frames are
                // reordered)
                reordered ? 0x000F01 : 0x000701,
                u32(samples.size()),
                u32(dataOffset),
                entries.toByteArray());
        return box(
                "traf",
                fullBox("tfhd", 0, 0x020000, u32(run.trackId())), // default-base-is-moof
                fullBox(
                        "tfdt",
                        1,
                        0,
                        ByteBuffer.allocate(8).putLong(run.baseDecodeTime()).array()),
                trun);
    }

    /** The AAC track: a sound handler, and an mp4a sample entry whose esds holds the AudioSpecificConfig. */
    private static byte[] audioTrak(AudioTrack audio, byte[] stbl) {
        byte[] tkhd = fullBox(
                "tkhd",
                0,
                3, // enabled, in movie
                u32(0),
                u32(0),
                u32(AUDIO_TRACK_ID),
                u32(0),
                u32(0),
                new byte[8],
                u16(0),
                u16(1), // alternate group
                u16(0x0100), // volume 1.0
                u16(0),
                matrix(),
                u32(0),
                u32(0));
        byte[] mdhd = fullBox("mdhd", 0, 0, u32(0), u32(0), u32(TIMESCALE), u32(0), u16(0x55C4), u16(0)); // 'und'
        byte[] hdlr = fullBox(
                "hdlr",
                0,
                0,
                u32(0),
                ascii("soun"),
                new byte[12],
                "Shardline audio\0".getBytes(StandardCharsets.UTF_8));
        byte[] dinf = box("dinf", fullBox("dref", 0, 0, u32(1), fullBox("url ", 0, 1)));
        byte[] minf = box("minf", fullBox("smhd", 0, 0, u16(0), u16(0)), dinf, stbl);
        return box("trak", tkhd, box("mdia", mdhd, hdlr, minf));
    }

    private static byte[] mp4a(AudioTrack audio) {
        return box(
                "mp4a",
                new byte[6],
                u16(1), // data reference index
                new byte[8],
                u16(audio.channels()),
                u16(16), // sample size
                u16(0),
                u16(0),
                u32(audio.sampleRate() << 16),
                esds(audio.audioSpecificConfig()));
    }

    /** The ES descriptor (ISO/IEC 14496-1): AAC (object type 0x40), an audio stream, its AudioSpecificConfig. */
    private static byte[] esds(byte[] audioSpecificConfig) {
        byte[] decoderSpecificInfo = descriptor(0x05, audioSpecificConfig);
        byte[] decoderConfig = descriptor(
                0x04,
                concat(
                        new byte[] {0x40, 0x15}, // MPEG-4 audio; stream type audio (5 << 2 | 1)
                        new byte[3], // buffer size
                        u32(0), // max bitrate
                        u32(0), // average bitrate
                        decoderSpecificInfo));
        byte[] slConfig = descriptor(0x06, new byte[] {0x02});
        byte[] es = descriptor(0x03, concat(u16(AUDIO_TRACK_ID), new byte[] {0}, decoderConfig, slConfig));
        return fullBox("esds", 0, 0, es);
    }

    /** A descriptor: its tag and a 4-byte size (0x80-continued, as most muxers write it). */
    private static byte[] descriptor(int tag, byte[] content) {
        int n = content.length;
        return concat(
                new byte[] {
                    (byte) tag,
                    (byte) (0x80 | (n >>> 21) & 0x7F),
                    (byte) (0x80 | (n >>> 14) & 0x7F),
                    (byte) (0x80 | (n >>> 7) & 0x7F),
                    (byte) (n & 0x7F)
                },
                content);
    }

    /** Whether any frame is shown at another time than it is decoded (a stream with B-frames). */
    private static boolean reordered(List<Sample> samples) {
        return samples.stream().anyMatch(sample -> sample.compositionOffsetMillis() != 0);
    }

    private static byte[] matrix() {
        return concat(
                u32(0x00010000), u32(0), u32(0), u32(0), u32(0x00010000), u32(0), u32(0), u32(0), u32(0x40000000));
    }

    static byte[] box(String type, byte[]... content) {
        byte[] body = concat(content);
        return concat(u32(body.length + 8), ascii(type), body);
    }

    private static byte[] fullBox(String type, int version, int flags, byte[]... content) {
        return box(type, concat(u32((version << 24) | flags), concat(content)));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] u16(int value) {
        return ByteBuffer.allocate(2).putShort((short) value).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
