package dev.shardline.video.media;

import com.amazonaws.kinesisvideo.parser.ebml.ParserByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The request body as the EBML parser reads it: {@link #available()} blocks until bytes arrive (so one parse call
 * runs until the stream ends), and every byte read is kept on a tape, addressed by its position in the stream, until
 * the fragmenter has cut what it needs from it. The parser reads ids and sizes byte by byte and content by exact
 * lengths, never ahead, so the tape's end is always where the parser is.
 */
final class BlockingByteSource implements ParserByteSource {

    private final InputStream in;
    private final long maxTape;
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferStart;
    private int bufferEnd;
    private boolean eof;
    private volatile long lastReceivedNanos = System.nanoTime();

    private byte[] tape = new byte[64 * 1024];
    private long tapeStart; // the stream position of tape[0]
    private int tapeLength;

    /**
     * @param maxTape the most bytes the tape may hold: what one fragment and the stream's header may take, so that no
     *     element (one the parser does not know and skips, say) can fill the memory
     */
    BlockingByteSource(InputStream in, long maxTape) {
        this.in = in;
        this.maxTape = maxTape;
    }

    /** The stream position after the last byte the parser has read. */
    long position() {
        return tapeStart + tapeLength;
    }

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive) of the stream; both must still be on the tape. */
    byte[] slice(long from, long to) {
        if (from < tapeStart || to > position() || from > to) {
            throw new IllegalStateException(
                    "bytes " + from + "-" + to + " are not on the tape " + tapeStart + "-" + position());
        }
        return Arrays.copyOfRange(tape, (int) (from - tapeStart), (int) (to - tapeStart));
    }

    /** Forgets the bytes before {@code position}: nothing will be cut from them any more. */
    void discardBefore(long position) {
        int drop = (int) Math.min(tapeLength, Math.max(0, position - tapeStart));
        if (drop > 0) {
            System.arraycopy(tape, drop, tape, 0, tapeLength - drop);
            tapeLength -= drop;
            tapeStart += drop;
        }
    }

    /** Whether the stream has ended and every byte of it has been read. */
    boolean finished() {
        return eof && bufferStart == bufferEnd;
    }

    /** When the last bytes arrived, for the IDLE acknowledgement. */
    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    @Override
    public int readByte() {
        if (!fill()) {
            return -1;
        }
        int b = buffer[bufferStart++] & 0xFF;
        record(new byte[] {(byte) b}, 0, 1);
        return b;
    }

    @Override
    public int available() {
        return fill() ? bufferEnd - bufferStart : 0;
    }

    @Override
    public int readBytes(ByteBuffer dest, int numBytes) {
        if (!fill()) {
            return -1;
        }
        int n = Math.min(Math.min(numBytes, bufferEnd - bufferStart), dest.remaining());
        dest.put(buffer, bufferStart, n);
        record(buffer, bufferStart, n);
        bufferStart += n;
        return n;
    }

    @Override
    public boolean eof() {
        return !fill();
    }

    /** Blocks until there are bytes to read; false once the stream has ended. */
    private boolean fill() {
        if (bufferStart < bufferEnd) {
            return true;
        }
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                eof = true;
                return false;
            }
            bufferStart = 0;
            bufferEnd = n;
            lastReceivedNanos = System.nanoTime();
            return n > 0 || fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(byte[] bytes, int offset, int length) {
        if ((long) tapeLength + length > maxTape) {
            throw new FragmentRejected(
                    AckError.MAX_FRAGMENT_SIZE_REACHED, "more than " + maxTape + " bytes without a complete fragment");
        }
        if (tapeLength + length > tape.length) {
            tape = Arrays.copyOf(tape, Math.max(tape.length * 2, tapeLength + length));
        }
        System.arraycopy(bytes, offset, tape, tapeLength, length);
        tapeLength += length;
    }
}
