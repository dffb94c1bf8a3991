package dev.shardline.video.media;

import com.amazonaws.kinesisvideo.parser.ebml.EBMLElementMetaData;
import com.amazonaws.kinesisvideo.parser.ebml.EBMLParser;
import com.amazonaws.kinesisvideo.parser.ebml.EBMLParserCallbacks;
import com.amazonaws.kinesisvideo.parser.ebml.ParserBulkByteSource;
import com.amazonaws.kinesisvideo.parser.mkv.MkvTypeInfoProvider;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Cuts an MKV stream, while it arrives, into fragments: one per Cluster, each kept as a self-contained MKV file (the
 * stream's EBML header, Segment info and tracks, then the cluster), as Kinesis Video Streams stores them. The EBML is
 * parsed by AWS's own parser (the KVS parser library); this class decides what the elements mean for ingest and holds
 * no more than one fragment in memory. Refusals are thrown as {@link FragmentRejected}.
 */
final class MkvFragmenter implements EBMLParserCallbacks {

    /** What the fragmenter reports while the stream arrives. */
    interface Listener {

        /** A cluster's timecode has been read: its first bytes are here (BUFFERING). */
        void fragmentStarted(long timecodeMillis);

        /** A cluster has been read to its end (RECEIVED). */
        void fragmentComplete(MkvFragment fragment);
    }

    /**
     * One fragment.
     *
     * @param timecodeMillis the cluster's timecode in milliseconds, as the producer sent it
     * @param durationMillis from its first frame to the end of its last
     * @param mkv the fragment as a self-contained MKV file
     */
    record MkvFragment(long timecodeMillis, long durationMillis, int frames, byte[] mkv) {}

    static final int EBML = 0x1A45DFA3;
    static final int SEGMENT = 0x18538067;
    static final int CLUSTER = 0x1F43B675;
    static final int TRACKS = 0x1654AE6B;
    static final int TRACK_ENTRY = 0xAE;
    static final int TIMECODE_SCALE = 0x2AD7B1;
    static final int CLUSTER_TIMECODE = 0xE7;
    static final int SIMPLE_BLOCK = 0xA3;
    static final int BLOCK = 0xA1;
    static final int CODEC_ID = 0x86;

    /** Segment and Cluster headers as fragments are stored: unknown size, since a fragment is cut from a stream. */
    private static final byte[] SEGMENT_HEADER = {0x18, 0x53, (byte) 0x80, 0x67, 0x01, -1, -1, -1, -1, -1, -1, -1};

    private static final byte[] CLUSTER_HEADER = {0x1F, 0x43, (byte) 0xB6, 0x75, 0x01, -1, -1, -1, -1, -1, -1, -1};

    /** A stream whose first 64 KiB hold no EBML header is no MKV. */
    private static final long MAX_BYTES_BEFORE_HEADER = 64 * 1024;

    /** The EBML header, info and tracks of a stream fit well within this. */
    static final long MAX_HEADER_SIZE = 1024 * 1024;

    /** Track numbers, timecodes and codec ids fit in this; longer content is only passed through. */
    private static final int HEAD = 64;

    /** AWS allows up to three tracks per stream (video, audio, metadata). */
    private static final int MAX_TRACKS = 3;

    private final BlockingByteSource source;
    private final Listener listener;
    private final long maxFragmentBytes;
    private final long maxFragmentMillis;
    private final EBMLParser parser;

    private boolean ebmlSeen;
    private long headerStart = -1;
    private long segmentHeaderStart = -1;
    private long segmentContentStart = -1;
    private byte[] header; // set at the segment's first cluster
    private long timecodeScaleNanos = 1_000_000;
    private int tracks;
    private String videoCodec;

    private boolean inCluster;
    private boolean clusterHasUnknownSize;
    private long clusterContentStart;
    private long clusterEnd;
    private Long clusterTimecode;
    private long minBlock = Long.MAX_VALUE;
    private long maxBlock = Long.MIN_VALUE;
    private int frames;

    private int dataId = -1;
    private long dataEndsAt;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream(HEAD);
    private final ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);

    MkvFragmenter(BlockingByteSource source, Listener listener, long maxFragmentBytes, long maxFragmentMillis) {
        this.source = source;
        this.listener = listener;
        this.maxFragmentBytes = maxFragmentBytes;
        this.maxFragmentMillis = maxFragmentMillis;
        MkvTypeInfoProvider types = new MkvTypeInfoProvider();
        try {
            types.load();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the MKV element types did not load", e);
        }
        this.parser = new EBMLParser(types, this);
    }

    /** How many bytes a source for a fragmenter with this fragment size limit may hold at once. */
    static long maxTape(long maxFragmentBytes) {
        return maxFragmentBytes + MAX_HEADER_SIZE + 64 * 1024;
    }

    /** Reads the whole stream, reporting each fragment as it completes; throws at the first one it must refuse. */
    void run() {
        try {
            while (!source.finished()) {
                parser.parse(source);
                if (!ebmlSeen && source.position() > MAX_BYTES_BEFORE_HEADER) {
                    throw invalid("no EBML header in the first " + MAX_BYTES_BEFORE_HEADER + " bytes");
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            // the parser's own checks (Validate) on ids, sizes and nesting
            throw invalid(e.getMessage());
        }
        finish();
    }

    /** The stream has ended: an open cluster of unknown size is complete, anything else open was cut off. */
    private void finish() {
        if (dataId != -1) {
            throw invalid("the stream ended inside an element");
        }
        if (inCluster) {
            if (clusterHasUnknownSize) {
                endCluster();
            } else {
                throw invalid("the stream ended inside a cluster");
            }
        }
        if (!ebmlSeen) {
            throw invalid("the stream holds no EBML header");
        }
    }

    @Override
    public void onStartElement(
            EBMLElementMetaData element, long dataSize, ByteBuffer idAndSize, ElementPathSupplier path) {
        int id = element.getTypeInfo().getId();
        long start = source.position() - idAndSize.remaining();
        if (!ebmlSeen && id != EBML) {
            throw invalid("the stream does not begin with an EBML header");
        }
        if (element.isMaster()) {
            startMaster(id, start, dataSize);
            return;
        }
        if (dataSize < 0) {
            throw invalid("an element of unknown size that is no master element");
        }
        if (inCluster && source.position() + dataSize - clusterContentStart > maxFragmentBytes) {
            throw new FragmentRejected(
                    AckError.MAX_FRAGMENT_SIZE_REACHED, "the fragment is over " + maxFragmentBytes + " bytes");
        }
        if (!inCluster && header == null && source.position() + dataSize - headerStart > MAX_HEADER_SIZE) {
            throw invalid("the MKV header is over " + MAX_HEADER_SIZE + " bytes");
        }
        dataId = id;
        dataEndsAt = source.position() + dataSize;
        head.reset();
    }

    private void startMaster(int id, long start, long dataSize) {
        switch (id) {
            case EBML -> {
                if (inCluster) {
                    throw invalid("an EBML header inside a cluster");
                }
                ebmlSeen = true;
                headerStart = start;
                header = null;
                tracks = 0;
                videoCodec = null;
                timecodeScaleNanos = 1_000_000;
                source.discardBefore(start);
            }
            case SEGMENT -> {
                if (headerStart < 0) {
                    throw invalid("a Segment without an EBML header");
                }
                segmentHeaderStart = start;
                segmentContentStart = source.position();
            }
            case CLUSTER -> startCluster(start, dataSize);
            case TRACK_ENTRY -> {
                if (++tracks > MAX_TRACKS) {
                    throw new FragmentRejected(AckError.MORE_THAN_ALLOWED_TRACKS_FOUND, "more than 3 tracks");
                }
            }
            default -> {
                if (inCluster) {
                    clusterEnd = source.position();
                }
            }
        }
    }

    private void startCluster(long start, long dataSize) {
        if (segmentContentStart < 0 || tracks == 0) {
            throw invalid("a cluster before the segment's tracks");
        }
        if (header == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(source.slice(headerStart, segmentHeaderStart));
            bytes.writeBytes(SEGMENT_HEADER);
            bytes.writeBytes(source.slice(segmentContentStart, start));
            header = bytes.toByteArray();
        }
        source.discardBefore(source.position());
        inCluster = true;
        clusterHasUnknownSize = dataSize < 0;
        clusterContentStart = source.position();
        clusterEnd = clusterContentStart;
        clusterTimecode = null;
        minBlock = Long.MAX_VALUE;
        maxBlock = Long.MIN_VALUE;
        frames = 0;
    }

    @Override
    public void onPartialContent(EBMLElementMetaData element, ParserBulkByteSource bytes, int length) {
        int left = length;
        while (left > 0) {
            scratch.clear();
            int read = bytes.readBytes(scratch, Math.min(left, scratch.capacity()));
            if (read < 0) {
                return; // the stream ended; finish() reports the element cut off
            }
            if (head.size() < HEAD) {
                head.write(scratch.array(), 0, Math.min(read, HEAD - head.size()));
            }
            left -= read;
        }
    }

    @Override
    public void onEndElement(EBMLElementMetaData element, ElementPathSupplier path) {
        int id = element.getTypeInfo().getId();
        if (element.isMaster()) {
            if (id == CLUSTER && inCluster) {
                endCluster();
            }
            return;
        }
        if (source.position() < dataEndsAt) {
            throw invalid("the stream ended inside an element");
        }
        dataId = -1;
        byte[] value = head.toByteArray();
        switch (id) {
            case TIMECODE_SCALE -> timecodeScaleNanos = unsigned(value);
            case CODEC_ID -> {
                if (videoCodec == null) {
                    videoCodec = new String(value, StandardCharsets.US_ASCII).trim();
                }
            }
            case CLUSTER_TIMECODE -> {
                if (inCluster && clusterTimecode == null) {
                    clusterTimecode = unsigned(value);
                    listener.fragmentStarted(millis(clusterTimecode));
                }
            }
            case SIMPLE_BLOCK, BLOCK -> block(value);
            default -> {
                // other elements pass through as they are
            }
        }
        if (inCluster) {
            clusterEnd = source.position();
        } else if (header != null) {
            source.discardBefore(source.position()); // between clusters: Tags, Cues, Void are not kept
        }
    }

    private void block(byte[] value) {
        if (!inCluster) {
            throw invalid("a block outside a cluster");
        }
        if (clusterTimecode == null) {
            throw invalid("a block before its cluster's timecode");
        }
        int trackLength = Integer.numberOfLeadingZeros(value.length == 0 ? 0 : value[0] & 0xFF) - 23;
        if (value.length < trackLength + 2 || trackLength < 1 || trackLength > 8) {
            throw invalid("a block without a track number and timecode");
        }
        long relative = (short) (((value[trackLength] & 0xFF) << 8) | (value[trackLength + 1] & 0xFF));
        minBlock = Math.min(minBlock, relative);
        maxBlock = Math.max(maxBlock, relative);
        frames++;
        if (millis(maxBlock - Math.min(0, minBlock)) > maxFragmentMillis) {
            throw new FragmentRejected(
                    AckError.MAX_FRAGMENT_DURATION_REACHED, "the fragment is longer than " + maxFragmentMillis + " ms");
        }
    }

    private void endCluster() {
        inCluster = false;
        if (clusterTimecode == null) {
            throw invalid("a cluster without a timecode");
        }
        ByteArrayOutputStream mkv = new ByteArrayOutputStream(header.length + (int) (clusterEnd - clusterContentStart));
        mkv.writeBytes(header);
        mkv.writeBytes(CLUSTER_HEADER);
        mkv.writeBytes(source.slice(clusterContentStart, clusterEnd));
        source.discardBefore(clusterEnd);
        long span = frames == 0 ? 0 : maxBlock - minBlock;
        // the last frame lasts as long as the average frame before it
        long duration = frames > 1 ? span + span / (frames - 1) : 0;
        listener.fragmentComplete(
                new MkvFragment(millis(clusterTimecode), millis(duration), frames, mkv.toByteArray()));
    }

    private long millis(long timecode) {
        return Math.multiplyExact(timecode, timecodeScaleNanos) / 1_000_000;
    }

    private static long unsigned(byte[] value) {
        if (value.length > 8) {
            throw invalid("an integer of more than 8 bytes");
        }
        long v = 0;
        for (byte b : value) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    private static FragmentRejected invalid(String detail) {
        return new FragmentRejected(AckError.INVALID_MKV_DATA, detail);
    }
}
